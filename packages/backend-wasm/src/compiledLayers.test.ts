import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, ensureGradients, fromLayersModel, registerBackend, useBackend, type LayersModelLike } from '@glassbox/core';
import { wasmBackend } from './wasmBackend';

/**
 * A small MobileNetV2: stem (zero padding, stride-2 conv, BN, ReLU6), inverted residual blocks
 * (1×1 expand/BN/ReLU6, padded stride-2 or same depthwise/BN/ReLU6, 1×1 project/BN, residual add),
 * global pooling and a softmax Dense, the layer whose rank-2 fused matMul corrupted the wasm heap.
 */
function tinyMobileNet(): tfl.LayersModel {
  let seed = 11;
  const init = () => tfl.initializers.randomNormal({ stddev: 0.3, seed: seed++ });
  const bn = () =>
    tfl.layers.batchNormalization({
      epsilon: 1e-3,
      gammaInitializer: tfl.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: seed++ }),
      betaInitializer: tfl.initializers.randomNormal({ stddev: 0.2, seed: seed++ }),
      movingMeanInitializer: tfl.initializers.randomNormal({ stddev: 0.2, seed: seed++ }),
      movingVarianceInitializer: tfl.initializers.randomUniform({ minval: 0.3, maxval: 2, seed: seed++ }),
    });
  const relu6 = () => tfl.layers.reLU({ maxValue: 6 });
  const apply = (layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) => layer.apply(x) as tfl.SymbolicTensor;
  const conv = (x: tfl.SymbolicTensor, filters: number, kernelSize: number, strides = 1, padding: 'same' | 'valid' = 'same') =>
    apply(tfl.layers.conv2d({ filters, kernelSize, strides, padding, useBias: false, kernelInitializer: init() }), x);
  const block = (x: tfl.SymbolicTensor, inC: number, outC: number, stride: number) => {
    let h = apply(relu6(), apply(bn(), conv(x, inC * 4, 1)));
    if (stride === 2) h = apply(tfl.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }), h);
    h = apply(tfl.layers.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: stride === 2 ? 'valid' : 'same', useBias: false, depthwiseInitializer: init() }), h);
    h = apply(relu6(), apply(bn(), h));
    h = apply(bn(), conv(h, outC, 1));
    return stride === 1 && inC === outC ? apply(tfl.layers.add(), [x, h]) : h;
  };
  const input = tfl.input({ shape: [40, 40, 3] });
  let h = apply(tfl.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }), input);
  h = apply(relu6(), apply(bn(), conv(h, 8, 3, 2, 'valid')));
  h = block(h, 8, 8, 1);
  h = block(h, 8, 12, 2);
  h = block(h, 12, 12, 1);
  h = apply(relu6(), apply(bn(), conv(h, 32, 1)));
  h = apply(tfl.layers.globalAveragePooling2d({}), h);
  const out = apply(tfl.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(), biasInitializer: init() }), h);
  return tfl.model({ inputs: input, outputs: out });
}

const FILTER_GRADIENTS = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter'];

beforeAll(async () => {
  await ensureGradients();
  registerBackend(wasmBackend());
  await useBackend('wasm');
});

describe('compiled Layers forward pass on wasm', () => {
  it('gives cpu\'s outputs and input gradients on a MobileNetV2-style model, runs no filter gradient, leaks nothing', async () => {
    const layers = tinyMobileNet();
    const model = fromLayersModel(layers as unknown as LayersModelLike);
    const n = 6;
    const xs = createRandom(3).fillUniform(new Float32Array(n * 40 * 40 * 3), 0, 1);
    const saliency = (x: tf.Tensor) => tf.grad((v: tf.Tensor) => tf.sum(tf.slice(model.forward!(v), [0, 2], [-1, 1])))(x);
    const run = async (backend: string) => {
      await useBackend(backend);
      const x = tf.tensor4d(xs, [n, 40, 40, 3]);
      const y = tf.tidy(() => model.forward!(x));
      const before = tf.memory().numTensors;
      const profile = await tf.profile(() => saliency(x));
      const grad = profile.result as tf.Tensor;
      const out = { y: (await y.data()) as Float32Array, g: (await grad.data()) as Float32Array, kernels: profile.kernelNames };
      tf.dispose([grad, y, x]);
      expect(tf.memory().numTensors, `${backend}: tensors left by the gradient`).toBe(before - 2);
      return out;
    };
    const cpu = await run('cpu');
    // Several passes: the heap grows between them, and a corrupted one shows up at the latest there.
    for (let pass = 0; pass < 3; pass++) {
      const wasm = await run('wasm');
      expect(wasm.kernels).toEqual(expect.arrayContaining(['FusedConv2D', 'FusedDepthwiseConv2D', '_FusedMatMul']));
      expect(wasm.kernels, 'batch norm is folded: the compiled pass ran').not.toContain('FusedBatchNorm');
      for (const k of FILTER_GRADIENTS) expect(wasm.kernels).not.toContain(k);
      for (const [name, got, ref] of [['outputs', wasm.y, cpu.y], ['input gradients', wasm.g, cpu.g]] as const) {
        let maxRef = 0, maxDiff = 0;
        for (let i = 0; i < ref.length; i++) {
          maxRef = Math.max(maxRef, Math.abs(ref[i]));
          maxDiff = Math.max(maxDiff, Math.abs(got[i] - ref[i]));
        }
        expect(maxRef, `${name} are not all zero`).toBeGreaterThan(0);
        expect(maxDiff, `${name}: max |wasm − cpu| relative to max |cpu|`).toBeLessThanOrEqual(1e-4 * maxRef);
      }
    }
    model.dispose?.();
    layers.dispose();
  });
});
