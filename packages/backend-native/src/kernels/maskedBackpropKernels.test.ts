import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';
import { kernelStats } from './kernelUtil';
import { MASKED_CONV2D_BACKPROP_INPUT, MASKED_DEPTHWISE_BACKPROP_INPUT } from './maskedBackpropKernels';

const addon = requireNative();
afterAll(() => resetAddon(addon));

type Act = 'relu' | 'relu6';
type Pad = 'valid' | 'same';
// [kind, input shape, filter shape, strides, pad]: pointwise (the row-blocked GEMM), 3×3 with stride
// (im2col, masked per block), the direct kernel (inC ≤ 4, outC 16; masked once), depthwise (multiplier 1 and 2).
const CASES: ['conv' | 'depthwise', number[], number[], number, Pad][] = [
  ['conv', [2, 7, 9, 5], [1, 1, 5, 12], 1, 'valid'],
  ['conv', [1, 40, 40, 3], [1, 1, 3, 300], 1, 'valid'],
  ['conv', [2, 9, 8, 6], [3, 3, 6, 10], 2, 'same'],
  ['conv', [2, 10, 10, 3], [3, 3, 3, 16], 2, 'same'],
  ['depthwise', [2, 9, 8, 6], [3, 3, 6, 1], 1, 'same'],
  ['depthwise', [3, 11, 7, 4], [3, 3, 4, 2], 2, 'same'],
  ['depthwise', [1, 12, 12, 16], [3, 3, 16, 1], 2, 'valid'],
];

/** The forward output shape of a case. */
function outShape(kind: 'conv' | 'depthwise', xs: number[], fs: number[], strides: number, pad: Pad): number[] {
  const x = tf.zeros(xs as [number, number, number, number]) as tf.Tensor4D, f = tf.zeros(fs as [number, number, number, number]) as tf.Tensor4D;
  const y = kind === 'conv' ? tf.conv2d(x, f, strides, pad) : tf.depthwiseConv2d(x, f, strides, pad);
  const shape = y.shape;
  tf.dispose([x, f, y]);
  return shape;
}

/**
 * dy with NaNs where the mask stops the gradient (they must not reach dx) and y spread over both
 * kinks of relu6; on cpu the masked dy then the stock backprop, on native the masked kernel.
 */
function maskedBackprop(kind: 'conv' | 'depthwise', xs: number[], fs: number[], strides: number, pad: Pad, activation: Act): tf.Tensor {
  const ys = outShape(kind, xs, fs, strides, pad);
  const y = rand(ys, 11, -2, 8);
  const pass = activation === 'relu6' ? tf.logicalAnd(tf.greater(y, 0), tf.less(y, 6)) : tf.greater(y, 0);
  const dy = tf.where(tf.logicalOr(pass, tf.greater(rand(ys, 12), 0.5)), rand(ys, 13), tf.fill(ys, NaN));
  const filter = rand(fs, 14);
  const attrs = { strides, pad, dataFormat: 'NHWC', dilations: 1, inputShape: xs };
  const [masked, plain] = kind === 'conv'
    ? [MASKED_CONV2D_BACKPROP_INPUT, 'Conv2DBackpropInput']
    : [MASKED_DEPTHWISE_BACKPROP_INPUT, 'DepthwiseConv2dNativeBackpropInput'];
  if (tf.getBackend() === 'native') return tf.engine().runKernel(masked, { dy, y, filter }, { ...attrs, activation }) as tf.Tensor;
  return tf.engine().runKernel(plain, { dy: tf.where(pass, dy, tf.zerosLike(dy)), filter }, attrs) as tf.Tensor;
}

describe.each(testedIsas(addon))('masked input backprops on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(CASES)('%s x=%j filter=%j strides=%j pad=%j, relu and relu6: the masked dy, then the backprop', (kind, xs, fs, strides, pad) => {
    const name = kind === 'conv' ? MASKED_CONV2D_BACKPROP_INPUT : MASKED_DEPTHWISE_BACKPROP_INPUT;
    for (const activation of ['relu', 'relu6'] as const) {
      expectSameOnBoth(() => maskedBackprop(kind, xs, fs, strides, pad, activation), { natively: [name], rtol: 1e-5, atol: 1e-5 });
    }
  });
});

describe('masked input backprops: fallback and memory', () => {
  it('calls the addon cannot take (NCHW) fall back to the composed JavaScript kernel, with the same result', () => {
    const stats = kernelStats.get(MASKED_CONV2D_BACKPROP_INPUT)!;
    const fallbacks = stats.fallback;
    expectSameOnBoth(() => {
      const y = rand([1, 5, 4, 4], 31, -2, 8), dy = rand([1, 5, 4, 4], 32), filter = rand([1, 1, 3, 5], 33);
      const attrs = { strides: 1, pad: 'valid', dataFormat: 'NCHW', dilations: 1, inputShape: [1, 3, 4, 4] };
      if (tf.getBackend() === 'native') return tf.engine().runKernel(MASKED_CONV2D_BACKPROP_INPUT, { dy, y, filter }, { ...attrs, activation: 'relu6' }) as tf.Tensor;
      const pass = tf.logicalAnd(tf.greater(y, 0), tf.less(y, 6));
      return tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.where(pass, dy, tf.zerosLike(dy)), filter }, attrs) as tf.Tensor;
    });
    expect(stats.fallback).toBe(fallbacks + 1);
  });

  it('leaks no tensors, natively or through the fallback', () => {
    tf.setBackend('native');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      maskedBackprop('conv', [2, 9, 8, 6], [3, 3, 6, 10], 2, 'same', 'relu6');
    });
    tf.tidy(() => {
      const y = rand([1, 5, 4, 4], 31, -2, 8), dy = rand([1, 5, 4, 4], 32), filter = rand([1, 1, 3, 5], 33);
      tf.engine().runKernel(MASKED_CONV2D_BACKPROP_INPUT, { dy, y, filter }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', dilations: 1, inputShape: [1, 3, 4, 4], activation: 'relu' });
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.setBackend('cpu');
  });
});
