import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, seeded, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

function randomPerm(rank: number, seed: number): number[] {
  const r = seeded(seed);
  const p = [...Array(rank).keys()];
  for (let i = rank - 1; i > 0; i--) {
    const j = Math.floor(r(0, 1) * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

// [shape, axes]: single axes, contiguous and scattered groups, all axes, size-1 axes, big ones.
const REDUCTIONS: [number[], number | number[]][] = [
  [[7], 0], [[3, 5], 0], [[3, 5], 1], [[3, 5], [0, 1]], [[2, 3, 4], 1], [[2, 3, 4], [0, 2]], [[2, 1, 4, 5], [1, 2]],
  [[4, 3, 2, 5, 3], [0, 2, 4]], [[3000, 64], 0], [[64, 3000], 1], [[200000], 0], [[2, 100000], 1], [[5, 1, 3], 1],
  [[3, 700, 11], 1], [[1, 1], [0, 1]],
];

describe.each(testedIsas(addon))('reductions, softmax and transpose on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each([
    ['sum', tf.sum, 'Sum'], ['mean', tf.mean, 'Mean'], ['max', tf.max, 'Max'], ['min', tf.min, 'Min'],
  ] as const)('%s over any axes, with and without keepDims', (_, op, kernel) => {
    for (const [shape, axis] of REDUCTIONS) {
      const large = shape.reduce((a, b) => a * b, 1) > 10000;
      for (const keepDims of large ? [false] : [false, true]) {
        expectSameOnBoth(() => op(rand(shape, shape.length, -2, 2), axis, keepDims), { rtol: 1e-5, atol: 1e-5, natively: [kernel] });
      }
    }
    expectSameOnBoth(() => op(rand([3, 0, 2], 1), 1));
    expectSameOnBoth(() => op(tf.tensor2d([[1, NaN, 3], [4, 5, -Infinity]]), 1));
  });

  it('prod matches', () => {
    expectSameOnBoth(() => tf.prod(rand([4, 6, 5], 1, 0.5, 1.5), [0, 2]), { natively: ['Prod'] });
  });

  it('softmax over the last axis, with large logits', () => {
    for (const shape of [[1], [3, 1], [4, 10], [1000, 37], [2, 3, 17], [0, 5]]) {
      expectSameOnBoth(() => tf.softmax(rand(shape, 3, -80, 80)), { atol: 1e-6, natively: shape.includes(0) ? [] : ['Softmax'] });
    }
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), rand([64, 10], 2))))(rand([64, 10], 1)));
  });

  it('transposes any permutation, odd sizes and large 2-D', () => {
    for (let rank = 1; rank <= 6; rank++) {
      for (let s = 0; s < 4; s++) {
        const shape = Array.from({ length: rank }, (_, i) => 1 + ((s * 7 + i * 5) % 6));
        const perm = randomPerm(rank, s * 13 + rank);
        const identity = perm.every((p, i) => p === i);
        expectSameOnBoth(() => tf.transpose(rand(shape, s), perm), { natively: rank > 1 && !identity ? ['Transpose'] : [] });
      }
    }
    expectSameOnBoth(() => tf.transpose(rand([300, 257], 1)), { natively: ['Transpose'] });
    expectSameOnBoth(() => tf.transpose(rand([3, 65, 1, 70], 1), [3, 0, 2, 1]), { natively: ['Transpose'] });
    expectSameOnBoth(() => tf.transpose(rand([4, 0, 3], 1), [2, 1, 0]));
  });
});
