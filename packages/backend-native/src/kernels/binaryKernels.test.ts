import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

// Pairs of shapes that broadcast: equal, scalar either side, rows, columns, outer products, empty,
// and large enough to run on several threads.
const PAIRS: [number[], number[]][] = [
  [[5], [5]], [[], []], [[3, 4], []], [[], [3, 4]], [[3, 1], [1, 4]], [[2, 3, 4], [4]], [[2, 1, 4], [3, 1]],
  [[4, 1, 1, 3], [1, 5, 2, 1]], [[7, 9], [7, 1]], [[1, 9], [7, 9]], [[5, 0], [5, 1]], [[0], []], [[300, 200], [200]],
  [[300, 200], [300, 1]], [[70000], [70000]], [[3, 70000], [1]], [[2, 3, 5, 7, 11], [3, 1, 7, 1]],
];

const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, string][] = [
  ['add', tf.add, 'Add'], ['sub', tf.sub, 'Sub'], ['mul', tf.mul, 'Multiply'], ['div', tf.div, 'RealDiv'],
  ['maximum', tf.maximum, 'Maximum'], ['minimum', tf.minimum, 'Minimum'], ['squaredDifference', tf.squaredDifference, 'SquaredDifference'],
];

describe.each(testedIsas(addon))('binary ops on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(OPS)('%s broadcasts like cpu', (_, op, kernel) => {
    for (const [as, bs] of PAIRS) {
      const n = Math.max(as.reduce((x, y) => x * y, 1), bs.reduce((x, y) => x * y, 1));
      expectSameOnBoth(() => op(rand(as, 1), rand(bs, 2, 0.5, 2)), { natively: n > 0 ? [kernel] : [] });
    }
  });

  it('propagates NaN and infinities like cpu', () => {
    const a = () => tf.tensor1d([NaN, 1, -Infinity, Infinity, 0, -0, 3, NaN]);
    const b = () => tf.tensor1d([1, NaN, 2, -Infinity, 0, 0, -3, NaN]);
    for (const [, op] of OPS) expectSameOnBoth(() => op(a(), b()));
  });

  it('addN sums several tensors', () => {
    expectSameOnBoth(() => tf.addN([rand([3, 4], 1), rand([3, 4], 2), rand([3, 4], 3)]), { natively: ['AddN'] });
    expectSameOnBoth(() => tf.addN([rand([50000], 1), rand([50000], 2)]), { natively: ['AddN'] });
  });

  it('eluGrad matches', () => {
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.elu(x), rand([257], 5))))(rand([257], 4, -3, 3)), {
      natively: ['EluGrad'],
    });
  });

  it('falls back to cpu for int32 tensors', () => {
    expectSameOnBoth(() => tf.cast(tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([4, 5, 6], 'int32')), 'float32'));
  });
});
