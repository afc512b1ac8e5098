import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../backend/ensureGradients';
import { compileLayersForward, type LayersGraphLike } from './compileLayersForward';
import { fromLayersModel } from './fromLayersModel';

/** A MobileNetV2-style block graph: pad → conv/BN/ReLU6 → depthwise/BN/ReLU6 → 1×1 conv/BN, residual add, pooling, dense. */
function mobileNetBlock(seed: number): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.randomNormal({ stddev: 0.4, seed: seed + s });
  const input = tfl.input({ shape: [9, 9, 3] });
  let h = tfl.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'valid', useBias: false, kernelInitializer: init(1) }).apply(h) as tfl.SymbolicTensor;
  const bn = (s: number) =>
    tfl.layers.batchNormalization({
      epsilon: 1e-3,
      gammaInitializer: tfl.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: seed + s }),
      betaInitializer: tfl.initializers.randomNormal({ stddev: 0.2, seed: seed + s + 1 }),
      movingMeanInitializer: tfl.initializers.randomNormal({ stddev: 0.2, seed: seed + s + 2 }),
      movingVarianceInitializer: tfl.initializers.randomUniform({ minval: 0.3, maxval: 2, seed: seed + s + 3 }),
    });
  h = bn(10).apply(h) as tfl.SymbolicTensor;
  const block = tfl.layers.reLU({ maxValue: 6 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2, useBias: false, depthwiseInitializer: init(2) }).apply(block) as tfl.SymbolicTensor;
  h = bn(20).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.reLU({ maxValue: 6 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 8, kernelSize: 1, useBias: true, kernelInitializer: init(3), biasInitializer: init(4) }).apply(h) as tfl.SymbolicTensor;
  h = bn(30).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.add().apply([h, block]) as tfl.SymbolicTensor;
  h = tfl.layers.globalAveragePooling2d({}).apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(5) }).apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

const x = tf.randomUniform([3, 9, 9, 3], 0, 1, 'float32', 7);
const relL2 = (a: Float32Array, b: Float32Array) => {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num += (a[i]! - b[i]!) ** 2; den += b[i]! ** 2; }
  return Math.sqrt(num / den);
};
const targetGrad = (f: (x: tf.Tensor) => tf.Tensor) => tf.grad((v: tf.Tensor) => tf.sum(tf.slice(f(v), [0, 1], [-1, 1])));

beforeAll(async () => {
  await ensureGradients();
});

describe('compileLayersForward', () => {
  it('lowers a MobileNetV2-style graph: folds batch norm, ReLU6 and padding into fused kernels', () => {
    const m = mobileNetBlock(1);
    const f = compileLayersForward(m as unknown as LayersGraphLike)!;
    expect(f.stats).toMatchObject({ conv: 2, depthwise: 1, dense: 1, foldedBatchNorm: 3, fusedActivation: 2, foldedPadding: 1 });
    f.dispose();
  });

  it('gives the outputs and input gradients of model.apply (float32 rounding only)', async () => {
    const m = mobileNetBlock(2);
    const f = compileLayersForward(m as unknown as LayersGraphLike)!;
    const plain = (v: tf.Tensor) => m.apply(v, { training: false }) as tf.Tensor;
    const [y0, y1] = tf.tidy(() => [plain(x), f(x)]);
    expect(relL2((await y1.data()) as Float32Array, (await y0.data()) as Float32Array)).toBeLessThan(1e-5);
    const [g0, g1] = tf.tidy(() => [targetGrad(plain)(x), targetGrad(f)(x)]);
    expect(relL2((await g1.data()) as Float32Array, (await g0.data()) as Float32Array)).toBeLessThan(1e-5);
    tf.dispose([y0, y1, g0, g1]);
    f.dispose();
  });

  it('computes no weight gradient for an input gradient', async () => {
    const m = mobileNetBlock(3);
    const f = compileLayersForward(m as unknown as LayersGraphLike)!;
    const kernels = async (fn: (v: tf.Tensor) => tf.Tensor) =>
      (await tf.profile(() => tf.tidy(() => targetGrad(fn)(x)))).kernels.map((k) => k.name);
    const compiled = await kernels(f);
    expect(compiled).toContain('Conv2DBackpropInput');
    expect(compiled).toContain('DepthwiseConv2dNativeBackpropInput');
    expect(compiled.filter((k) => /BackpropFilter/.test(k))).toEqual([]);
    // tfjs-layers' own fused Conv2D gradient does compute the filter gradient.
    expect(await kernels((v) => m.apply(v, { training: false }) as tf.Tensor)).toContain('Conv2DBackpropFilter');
    f.dispose();
  });

  it('refolds after setWeights, keeps the tensor count, and frees the folded weights on dispose', async () => {
    const m = mobileNetBlock(4);
    const before = tf.memory().numTensors;
    const model = fromLayersModel(m as unknown as Parameters<typeof fromLayersModel>[0]);
    const withFolds = tf.memory().numTensors;
    const bnLayer = m.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
    const w = bnLayer.getWeights();
    const doubled = tf.mul(w[0]!, 2);
    bnLayer.setWeights([doubled, ...w.slice(1)]);
    doubled.dispose();
    const y = tf.tidy(() => model.forward!(x));
    const ref = tf.tidy(() => m.apply(x, { training: false }) as tf.Tensor);
    expect(relL2((await y.data()) as Float32Array, (await ref.data()) as Float32Array)).toBeLessThan(1e-5);
    tf.dispose([y, ref]);
    expect(tf.memory().numTensors).toBe(withFolds);
    model.dispose!();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns null for graphs it does not handle (several inputs)', () => {
    const a = tfl.input({ shape: [2] }), b = tfl.input({ shape: [2] });
    const out = tfl.layers.dense({ units: 1 }).apply(tfl.layers.concatenate().apply([a, b]) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
    expect(compileLayersForward(tfl.model({ inputs: [a, b], outputs: out }) as unknown as LayersGraphLike)).toBeNull();
  });

  it('compiles sequential models', async () => {
    const m = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 3, activation: 'relu' }), tfl.layers.dense({ units: 2 })] });
    const f = compileLayersForward(m as unknown as LayersGraphLike)!;
    expect(f.stats.dense).toBe(2);
    const v = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    const [a, b] = tf.tidy(() => [f(v), m.apply(v) as tf.Tensor]);
    expect(relL2((await a.data()) as Float32Array, (await b.data()) as Float32Array)).toBeLessThan(1e-6);
    tf.dispose([a, b, v]);
  });
});
