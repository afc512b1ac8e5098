import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

// [m, k, n]: odd, tiny, empty, and sizes that cross the micro-kernel and cache-block edges.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [17, 33, 65], [13, 300, 9], [40, 8, 70], [64, 1, 64], [1, 100, 50], [0, 5, 3], [5, 0, 3],
  [4, 3, 0], [130, 257, 33], [200, 64, 129],
];

describe.each(testedIsas(addon))('matMul on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(SHAPES)('m=%i k=%i n=%i, all transposes', (m, k, n) => {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        expectSameOnBoth(() => {
          const a = rand(tA ? [k, m] : [m, k], m * 7 + k);
          const b = rand(tB ? [n, k] : [k, n], n * 11 + k);
          return tf.matMul(a, b, tA, tB);
        }, { atol: 1e-5 * Math.sqrt(k + 1), natively: m * n > 0 ? ['BatchMatMul'] : [] });
      }
    }
  });

  it('batches and broadcasts batch dimensions', () => {
    const cases: [number[], number[]][] = [
      [[3, 5, 7], [3, 7, 4]], [[1, 5, 7], [4, 7, 3]], [[4, 5, 7], [1, 7, 3]], [[2, 3, 5, 7], [2, 3, 7, 2]],
      [[6, 9, 11], [6, 11, 13]], [[0, 4, 5], [0, 5, 2]], [[2, 2, 3], [3, 2]],
    ];
    for (const [as, bs] of cases) expectSameOnBoth(() => tf.matMul(rand(as, 1), rand(bs, 2)));
    expectSameOnBoth(() => tf.matMul(rand([3, 7, 5], 3), rand([3, 4, 7], 4), true, true));
  });

  it('fuses bias and activations', () => {
    const acts = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const;
    const biases = [[9], [1, 9], [], [1], [7, 9], [7, 1]];
    for (const activation of acts) {
      for (const bs of biases) {
        expectSameOnBoth(() =>
          tf.fused.matMul({ a: rand([7, 5], 1, -3, 3), b: rand([5, 9], 2), bias: rand(bs, 3), activation, leakyreluAlpha: 0.3 }),
        { natively: ['_FusedMatMul'] });
      }
    }
    expectSameOnBoth(() => tf.fused.matMul({ a: rand([5, 7], 1), b: rand([9, 5], 2), transposeA: true, transposeB: true, activation: 'relu' }));
    expectSameOnBoth(() =>
      tf.fused.matMul({ a: rand([2, 7, 5], 1), b: rand([2, 5, 4], 2), bias: rand([4], 3), activation: 'prelu', preluActivationWeights: rand([4], 4) }),
    );
  });

  it('gives the same gradients (matMul, fused matMul with relu)', () => {
    expectSameOnBoth(() => {
      const a = rand([33, 20], 1), b = rand([20, 17], 2), bias = rand([17], 3);
      const f = (x: tf.Tensor, w: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: c, activation: 'relu' }));
      return tf.grads(f)([a, b, bias]);
    }, { natively: ['BatchMatMul', 'Step', 'Multiply', 'Sum'] }); // tfjs unfuses under tf.grad
  });
});

describe('matMul across thread counts', () => {
  it.each([1, 2, 3])('%i threads: row, column and depth splits agree with cpu', (threads) => {
    addon.setThreads(threads);
    for (const [m, k, n] of [[400, 100, 20], [8, 90, 700], [6, 3000, 5], [300, 200, 300]] as const) {
      expectSameOnBoth(() => tf.matMul(rand([m, k], 1), rand([k, n], 2)), { atol: 1e-5 * Math.sqrt(k) });
    }
    resetAddon(addon);
  });
});
