import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
// [x shape, filter shape, strides, pad, dilations]
const CONVS: [number[], number[], number | [number, number], Pad, number][] = [
  [[2, 9, 8, 3], [3, 3, 3, 5], 1, 'valid', 1],
  [[2, 9, 8, 3], [3, 3, 3, 5], 2, 'same', 1],
  [[1, 7, 7, 1], [3, 2, 1, 8], [2, 1], 'same', 1],
  [[3, 10, 11, 4], [3, 3, 4, 2], 1, 'same', 2],
  [[2, 6, 6, 5], [1, 1, 5, 7], 1, 'valid', 1],
  [[2, 8, 8, 2], [2, 2, 2, 3], 1, 1, 1],
  [[1, 6, 7, 2], [3, 3, 2, 4], 1, [[0, 0], [1, 2], [2, 0], [0, 0]], 1],
  [[4, 28, 28, 1], [3, 3, 1, 8], 1, 'valid', 1],
  [[3, 13, 13, 8], [3, 3, 8, 16], 1, 'valid', 1],
  [[0, 5, 5, 2], [3, 3, 2, 2], 1, 'same', 1],
  // few input channels, 8 or 16 output channels: the direct (im2col-free) kernels
  [[2, 9, 10, 3], [3, 3, 3, 16], 1, 'same', 2],
  [[2, 9, 9, 2], [2, 3, 2, 16], 2, 'valid', 1],
  [[2, 7, 8, 4], [3, 3, 4, 8], [1, 2], [[0, 0], [2, 1], [0, 1], [0, 0]], 1],
];

describe.each(testedIsas(addon))('conv2d and pooling on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(CONVS)('conv2d x=%j filter=%j strides=%j pad=%j dilations=%j, and both gradients', (xs, fs, strides, pad, dil) => {
    const run = xs[0]! > 0;
    const x = () => rand(xs, 1) as tf.Tensor4D;
    const f = () => rand(fs, 2) as tf.Tensor4D;
    expectSameOnBoth(() => tf.conv2d(x(), f(), strides, pad, 'NHWC', dil), { natively: run ? ['Conv2D'] : [] });
    if (dil === 1) {
      expectSameOnBoth(() => {
        const w = rand([...tf.conv2d(x(), f(), strides, pad).shape], 3);
        return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad), w)))([x(), f()]);
      }, { natively: run ? ['Conv2DBackpropInput', 'Conv2DBackpropFilter'] : [] });
    }
  });

  it('fused conv2d with bias and activations', () => {
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const) {
      for (const outC of [5, 8]) {
        for (const bs of [[outC], [], [1, 1, 1, outC], [6, 1, outC]]) {
          expectSameOnBoth(() =>
            tf.fused.conv2d({ x: rand([2, 8, 6, 3], 1) as tf.Tensor4D, filter: rand([3, 3, 3, outC], 2) as tf.Tensor4D, strides: 1, pad: 'same', bias: rand(bs, 3), activation, leakyreluAlpha: 0.3 }),
            { natively: ['FusedConv2D'] });
        }
      }
    }
  });

  it('conv2dTranspose (backprop input)', () => {
    expectSameOnBoth(() => tf.conv2dTranspose(rand([2, 4, 4, 5], 1) as tf.Tensor4D, rand([3, 3, 2, 5], 2) as tf.Tensor4D, [2, 8, 8, 2], 2, 'same'), {
      natively: ['Conv2DBackpropInput'],
    });
  });

  // [x shape, filter size, strides, pad]
  const POOLS: [number[], number | [number, number], number | [number, number], Pad][] = [
    [[2, 8, 8, 3], 2, 2, 'valid'], [[2, 9, 7, 3], 3, 2, 'same'], [[1, 26, 26, 8], 2, 2, 'valid'], [[2, 5, 6, 1], [2, 3], 1, 'valid'],
    [[1, 7, 7, 2], 3, 1, 'same'], [[3, 6, 6, 2], 2, 1, 1], [[2, 9, 7, 3], 2, 2, 'valid'], [[2, 9, 7, 16], 2, 2, 'valid'], [[1, 9, 8, 70], [3, 2], [3, 2], 'valid'],
  ];
  it.each(POOLS)('maxPool and avgPool x=%j size=%j strides=%j pad=%j, with gradients', (xs, size, strides, pad) => {
    for (const [pool, fwd, grad] of [[tf.maxPool, 'MaxPool', 'MaxPoolGrad'], [tf.avgPool, 'AvgPool', 'AvgPoolGrad']] as const) {
      expectSameOnBoth(() => pool(rand(xs, 1) as tf.Tensor4D, size, strides, pad), { natively: [fwd] });
      expectSameOnBoth(() => {
        const x = rand(xs, 1);
        const w = rand([...pool(x as tf.Tensor4D, size, strides, pad).shape], 3);
        return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a as tf.Tensor4D, size, strides, pad), w)))(x);
      }, { natively: [grad] });
    }
  });
});
