import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../backend/ensureGradients';
import { MASKED_BACKPROP_INPUT_KERNELS, registerFusedGradients } from './registerFusedGradients';

const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) =>
  tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;

/** Seeded values in [lo, hi). */
function seeded(shape: number[], seed: number, lo: number, hi: number): tf.Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * (hi - lo) + lo), shape);
}

const calls = { conv2d: 0, depthwise: 0 };

/** A cpu stand-in for a backend's masked kernel: masks dy in JavaScript, then runs the cpu backprop. */
function spyKernel(kind: 'conv2d' | 'depthwise', plain: string): tf.KernelConfig {
  return {
    kernelName: MASKED_BACKPROP_INPUT_KERNELS[kind],
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs = {} }) => {
      calls[kind]++;
      const b = backend as MathBackendCPU;
      const { dy, y, filter } = inputs as Record<string, tf.TensorInfo>;
      const dv = b.data.get(dy!.dataId).values as Float32Array, yv = b.data.get(y!.dataId).values as Float32Array;
      const relu6 = attrs.activation === 'relu6';
      const masked = b.makeTensorInfo(dy!.shape, 'float32', dv.map((g, i) => (yv[i]! > 0 && (!relu6 || yv[i]! < 6) ? g : 0)));
      try {
        return tf.getKernel(plain, 'cpu')!.kernelFunc({ inputs: { dy: masked, filter: filter! }, backend, attrs });
      } finally {
        b.disposeData(masked.dataId);
      }
    },
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await ensureGradients();
  registerFusedGradients();
});
afterEach(() => {
  for (const name of Object.values(MASKED_BACKPROP_INPUT_KERNELS)) if (tf.getKernel(name, 'cpu')) tf.unregisterKernel(name, 'cpu');
});

describe('fused convolution gradients with a backend that has masked input backprops', () => {
  const x = () => seeded([2, 7, 6, 3], 1, -1, 1);
  const conv = { filter: () => seeded([3, 3, 3, 5], 2, -1, 1), bias: () => seeded([5], 3, 0, 4) };
  const dw = { filter: () => seeded([3, 3, 3, 2], 4, -2, 2), bias: () => seeded([6], 5, 0, 4) };
  const w = (c: number) => seeded([2, 7, 6, c], 6, -1, 1);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] };

  /** Gradients wrt x and filter through core's registered gradient and through tfjs's own fused op. */
  function both(kind: 'conv2d' | 'depthwise', activation: string) {
    const p = kind === 'conv2d' ? conv : dw;
    const f = p.filter(), bias = p.bias(), up = w(kind === 'conv2d' ? 5 : 6);
    const kernel = kind === 'conv2d' ? 'FusedConv2D' : 'FusedDepthwiseConv2D';
    const ours = tf.grads((a: tf.Tensor, k: tf.Tensor) => tf.sum(tf.mul(run(kernel, { x: a, filter: k, bias }, { ...attrs, activation }), up)))([x(), f]);
    const fused = kind === 'conv2d' ? tf.fused.conv2d : tf.fused.depthwiseConv2d;
    const theirs = tf.grads((a: tf.Tensor, k: tf.Tensor) =>
      tf.sum(tf.mul(fused({ x: a as tf.Tensor4D, filter: k as tf.Tensor4D, strides: 1, pad: 'same', bias, activation: activation as 'relu' }), up)))([x(), f]);
    return { ours: ours.map((t) => t.arraySync()), theirs: theirs.map((t) => t.arraySync()) };
  }

  it.each([['conv2d', 'Conv2DBackpropInput'], ['depthwise', 'DepthwiseConv2dNativeBackpropInput']] as const)(
    '%s: relu and relu6 input gradients go through the masked kernel; the filter gradient and other activations do not',
    (kind, plain) => {
      tf.registerKernel(spyKernel(kind, plain));
      for (const activation of ['relu', 'relu6']) {
        const before = calls[kind];
        const { ours, theirs } = both(kind, activation);
        expect(calls[kind]).toBe(before + 1);
        expect(ours[0]).toEqual(theirs[0]);
        expect(ours[1]).toEqual(theirs[1]);
      }
      const before = calls[kind];
      both(kind, 'elu');
      expect(calls[kind]).toBe(before);
    },
  );

  it('without the masked kernels the gradients are composed, with the same values', () => {
    for (const kind of ['conv2d', 'depthwise'] as const) {
      const before = calls[kind];
      const { ours, theirs } = both(kind, 'relu6');
      expect(calls[kind]).toBe(before);
      expect(ours[0]).toEqual(theirs[0]);
    }
  });
});
