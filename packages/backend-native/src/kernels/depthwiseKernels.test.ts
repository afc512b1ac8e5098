import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
// [x shape, filter shape [h, w, in, multiplier], strides, pad, dilations]
const CASES: [number[], number[], number | [number, number], Pad, number][] = [
  [[2, 9, 8, 3], [3, 3, 3, 1], 1, 'same', 1],
  [[2, 9, 8, 3], [3, 3, 3, 2], 2, 'valid', 1],
  [[1, 12, 12, 16], [3, 3, 16, 1], 2, [[0, 0], [0, 1], [0, 1], [0, 0]], 1],
  [[2, 7, 6, 5], [3, 2, 5, 3], [2, 1], 'same', 1],
  [[1, 10, 9, 4], [3, 3, 4, 1], 1, 'same', 2],
  [[0, 5, 5, 2], [3, 3, 2, 1], 1, 'same', 1],
];

describe.each(testedIsas(addon))('depthwise conv2d on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(CASES)('x=%j filter=%j strides=%j pad=%j dilations=%j, with the input gradient', (xs, fs, strides, pad, dil) => {
    const run = xs[0]! > 0;
    const x = () => rand(xs, 1) as tf.Tensor4D;
    const f = () => rand(fs, 2) as tf.Tensor4D;
    expectSameOnBoth(() => tf.depthwiseConv2d(x(), f(), strides, pad, 'NHWC', dil), { natively: run ? ['DepthwiseConv2dNative'] : [] });
    expectSameOnBoth(() => {
      const w = rand([...tf.depthwiseConv2d(x(), f(), strides, pad, 'NHWC', dil).shape], 3);
      return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, f(), strides, pad, 'NHWC', dil), w)))(x());
    }, { natively: run ? ['DepthwiseConv2dNativeBackpropInput'] : [] });
  });

  it('fused depthwise conv2d with bias and activations', () => {
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const) {
      for (const mult of [1, 2]) {
        expectSameOnBoth(() =>
          tf.fused.depthwiseConv2d({ x: rand([2, 8, 6, 3], 1) as tf.Tensor4D, filter: rand([3, 3, 3, mult], 2) as tf.Tensor4D, strides: 1, pad: 'same', bias: rand([3 * mult], 3), activation, leakyreluAlpha: 0.3 }),
          { natively: ['FusedDepthwiseConv2D'] });
      }
    }
  });
});
