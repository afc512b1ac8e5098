import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../backend/ensureGradients';
import { GlassboxError } from '../errors/GlassboxError';
import { tinyFusedGraphModel, type FusedNodeSpec } from '../testing/tinyFusedGraphModel';
import { fromGraphModel } from './fromGraphModel';
import type { GradientRule, GradientRules } from './GradientRules';
import type { Model } from './Model';

/** MobileNet-like: strided conv + ReLU6, depthwise + ReLU6, linear 1×1 projection, dense ReLU, linear logits. */
const MOBILE: FusedNodeSpec[] = [
  { op: '_FusedConv2D', filters: 4, kernel: 3, strides: 2, fusedOps: ['BiasAdd', 'Relu6'] },
  { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 3, fusedOps: ['BiasAdd', 'Relu6'] },
  { op: '_FusedConv2D', filters: 5, kernel: 1, fusedOps: ['BiasAdd'] },
  { op: 'Flatten' },
  { op: '_FusedMatMul', units: 6, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedMatMul', units: 3, fusedOps: ['BiasAdd'] },
];
/** Every attribute the converter honours: EXPLICIT/VALID padding, strides, leaky-ReLU alpha, ELU, sigmoid, PReLU, transpose_b. */
const ATTRIBUTES: FusedNodeSpec[] = [
  { op: '_FusedConv2D', filters: 4, kernel: 3, strides: 2, padding: 'EXPLICIT', explicitPaddings: [0, 0, 1, 2, 2, 1, 0, 0], fusedOps: ['BiasAdd', 'LeakyRelu'], leakyreluAlpha: 0.1 },
  { op: 'FusedDepthwiseConv2dNative', filters: 2, kernel: 2, padding: 'VALID', fusedOps: ['BiasAdd', 'Elu'] },
  { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 3, padding: 'EXPLICIT', explicitPaddings: [0, 0, 1, 1, 0, 2, 0, 0], fusedOps: ['BiasAdd'] },
  { op: '_FusedConv2D', filters: 3, kernel: 2, fusedOps: ['BiasAdd', 'Prelu'] },
  { op: '_FusedConv2D', filters: 3, kernel: 1, fusedOps: ['BiasAdd', 'Sigmoid'] },
  { op: 'Flatten' },
  { op: '_FusedMatMul', units: 5, transposeB: true, fusedOps: ['BiasAdd', 'LeakyRelu'], leakyreluAlpha: 0.3 },
  { op: '_FusedMatMul', units: 8, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedMatMul', units: 2, fusedOps: ['BiasAdd'] },
];
const INPUT = [9, 9, 3];

async function graphModel(nodes: FusedNodeSpec[], inputShape = INPUT) {
  const { modelJson, weightData } = tinyFusedGraphModel({ inputShape, nodes });
  const artifacts = { modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights as tf.io.WeightsManifestEntry[], weightData, format: 'graph-model' };
  return tfc.loadGraphModel(tf.io.fromMemory(artifacts));
}
/** The adapter over fused nodes taken over by Glassbox (`fused`) or run by tfjs-converter (`converter`, the previous path). */
async function load(nodes: FusedNodeSpec[], path: 'fused' | 'converter', inputShape = INPUT): Promise<Model & { graph: tfc.GraphModel }> {
  const graph = await graphModel(nodes, inputShape);
  return { ...fromGraphModel(graph as never, path === 'fused' ? { registerOp: tfc.registerOp } : {}), graph };
}

const x = (shape = INPUT, seed = 1) => tf.randomNormal([2, ...shape], 0, 1, 'float32', seed);
/** Input gradient of a fixed random projection of the outputs (so every output and sign matters). */
function inputGradient(model: Model, input: tf.Tensor, rules?: GradientRules): Float32Array {
  return tf.tidy(() => {
    const c = tf.randomNormal([2, ...model.outputShape], 0, 1, 'float32', 7);
    return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(model.forward!(v, { gradientRules: rules }), c)))(input).dataSync() as Float32Array;
  });
}
const relative = (a: ArrayLike<number>, ref: ArrayLike<number>) => {
  let diff = 0, scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - ref[i]!));
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return diff / scale;
};
async function kernelsOf(fn: () => tf.TensorContainer): Promise<string[]> {
  const info = await tf.profile(() => fn());
  return info.kernelNames;
}

const FILTER_GRADIENTS = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter'];

describe('fused graph nodes run through Glassbox executors', () => {
  beforeAll(async () => {
    await ensureGradients();
  });

  it.each([['MobileNet-like', MOBILE], ['every attribute', ATTRIBUTES]])('%s: outputs and input gradients equal the converter path within 1e-5 relative', async (_, nodes) => {
    const [fused, before] = [await load(nodes, 'fused'), await load(nodes, 'converter')];
    const input = x();
    const [a, b] = [await fused.predict(input), await before.predict(input)];
    expect(relative(await a.data(), await b.data())).toBeLessThanOrEqual(1e-5);
    expect(relative(inputGradient(fused, input), inputGradient(before, input))).toBeLessThanOrEqual(1e-5);
    tf.dispose([a, b, input]);
    fused.graph.dispose();
    before.graph.dispose();
  });

  it('an input gradient runs the fused kernels and no filter gradient (the converter path computes them)', async () => {
    const [fused, before] = [await load(MOBILE, 'fused'), await load(MOBILE, 'converter')];
    const input = x();
    const kernels = await kernelsOf(() => tf.grad((v: tf.Tensor) => tf.sum(fused.forward!(v)))(input));
    expect(kernels).toEqual(expect.arrayContaining(['FusedConv2D', 'FusedDepthwiseConv2D', '_FusedMatMul', 'Conv2DBackpropInput', 'DepthwiseConv2dNativeBackpropInput']));
    for (const k of FILTER_GRADIENTS) expect(kernels).not.toContain(k);
    // The previous path: the linear projection's tf.fused.conv2d computes its filter gradient eagerly.
    expect(await kernelsOf(() => tf.grad((v: tf.Tensor) => tf.sum(before.forward!(v)))(input))).toContain('Conv2DBackpropFilter');
    // With a ReLU6 rule the ReLU6 nodes run unfused (their rule applies), the linear ones stay fused: still no filter gradient.
    const ruled = await kernelsOf(() => tf.grad((v: tf.Tensor) => tf.sum(fused.forward!(v, { gradientRules: { Relu6: ({ gradient }) => gradient() } })))(input));
    expect(ruled).toEqual(expect.arrayContaining(['Conv2D', 'DepthwiseConv2dNative', 'Relu6', 'FusedConv2D', '_FusedMatMul']));
    for (const k of FILTER_GRADIENTS) expect(ruled).not.toContain(k);
    input.dispose();
    fused.graph.dispose();
    before.graph.dispose();
  });

  it('gradient rules reach the activations fused into the nodes, and the result equals the converter path', async () => {
    const [fused, before] = [await load(ATTRIBUTES, 'fused'), await load(ATTRIBUTES, 'converter')];
    const input = x();
    const seen: string[] = [];
    const spy = (kernel: string): GradientRule => ({ gradient }) => (seen.push(kernel), tf.relu(gradient()));
    const guided: GradientRules = { Relu: spy('Relu'), LeakyRelu: spy('LeakyRelu'), Elu: spy('Elu'), Sigmoid: spy('Sigmoid') };
    const ruled = inputGradient(fused, input, guided);
    expect(seen.sort()).toEqual(['Elu', 'LeakyRelu', 'LeakyRelu', 'Relu', 'Sigmoid']);
    expect(relative(ruled, inputGradient(fused, input))).toBeGreaterThan(0.01); // the rule changed the gradient
    expect(relative(ruled, inputGradient(before, input, guided))).toBeLessThanOrEqual(1e-5);
    input.dispose();
    fused.graph.dispose();
    before.graph.dispose();
  });

  it("DeepLIFT's rescale rule through fused ReLUs gives completeness: Σ attributions = f(x) − f(ref)", async () => {
    const model = await load(MOBILE, 'fused');
    const rescale: GradientRule = ({ x: v, y, dy, gradient }) => {
      const [xi, xr] = tf.split(v, 2), [yi, yr] = tf.split(y, 2);
      const dx = tf.concat([tf.sub(xi, xr), tf.sub(xi, xr)]), dyOut = tf.concat([tf.sub(yi, yr), tf.sub(yi, yr)]);
      const small = tf.less(tf.abs(dx), 1e-10);
      return tf.where(small, gradient(), tf.div(tf.mul(dy, dyOut), tf.where(small, tf.onesLike(dx), dx)));
    };
    const input = x(), ref = tf.mul(x(INPUT, 3), 0.1);
    const [sums, deltas] = tf.tidy(() => {
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.slice(model.forward!(v, { gradientRules: { Relu: rescale, Relu6: rescale } }), [0, 1], [-1, 1])))(tf.concat([input, ref]));
      const attributions = tf.mul(tf.sub(input, ref), tf.slice(g, 0, 2));
      const out = model.forward!(tf.concat([input, ref]));
      return [tf.sum(attributions, [1, 2, 3]).arraySync() as number[], tf.sub(tf.slice(out, [0, 1], [2, 1]), tf.slice(out, [2, 1], [2, 1])).reshape([2]).arraySync() as number[]];
    });
    sums.forEach((s, i) => expect(Math.abs(s - deltas[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(deltas[i]!))));
    tf.dispose([input, ref]);
    model.graph.dispose();
  });

  it('FusedBatchNorm variants (which the converter refuses) run as conv → batch norm → activation', async () => {
    const nodes: FusedNodeSpec[] = [{ op: '_FusedConv2D', filters: 3, kernel: 3, fusedOps: ['FusedBatchNorm', 'Relu'] }, { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 3, fusedOps: ['FusedBatchNorm'] }];
    const model = await load(nodes, 'fused');
    const w = (name: string) => model.graph.weights[name]![0]!;
    const reference = (v: tf.Tensor) => {
      const bn = (t: tf.Tensor, n: string) => tf.batchNorm(t, w(`${n}/mean`), w(`${n}/variance`), w(`${n}/offset`), w(`${n}/scale`), 0.001);
      const h = tf.relu(bn(tf.conv2d(v as tf.Tensor4D, w('n0/filter') as tf.Tensor4D, 1, 'same'), 'n0'));
      return bn(tf.depthwiseConv2d(h as tf.Tensor4D, w('n1/filter') as tf.Tensor4D, 1, 'same'), 'n1');
    };
    const input = x();
    const [got, want] = [await model.predict(input), tf.tidy(() => reference(input))];
    expect(relative(await got.data(), await want.data())).toBeLessThanOrEqual(1e-5);
    const g = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(reference(v)))(input).dataSync());
    const h = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(model.forward!(v)))(input).dataSync());
    expect(relative(h, g)).toBeLessThanOrEqual(1e-5);
    tf.dispose([got, want, input]);
    model.graph.dispose();
  });

  it('dilated convolutions predict as the converter does', async () => {
    const nodes: FusedNodeSpec[] = [{ op: '_FusedConv2D', filters: 3, kernel: 3, dilations: 2, fusedOps: ['BiasAdd', 'Relu'] }, { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 2, dilations: 2, padding: 'VALID', fusedOps: ['BiasAdd'] }];
    const [fused, before] = [await load(nodes, 'fused'), await load(nodes, 'converter')];
    const input = x();
    const [a, b] = [await fused.predict(input), await before.predict(input)];
    expect(relative(await a.data(), await b.data())).toBeLessThanOrEqual(1e-5);
    tf.dispose([a, b, input]);
    fused.graph.dispose();
    before.graph.dispose();
  });

  it('NCHW nodes refuse gradients with UNSUPPORTED_MODEL', async () => {
    const model = await load([{ op: '_FusedConv2D', filters: 2, kernel: 1, dataFormat: 'NCHW', fusedOps: ['BiasAdd', 'Relu'] }], 'fused', [3, 4, 4]);
    const input = x([3, 4, 4]);
    const before = tf.memory().numTensors;
    const err = (() => {
      try {
        return inputGradient(model, input);
      } catch (e) {
        return e;
      }
    })() as GlassboxError;
    expect(err).toBeInstanceOf(GlassboxError);
    expect(err.code).toBe('UNSUPPORTED_MODEL');
    expect(err.message).toMatch(/_FusedConv2D.*NCHW/);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    model.graph.dispose();
  });

  it('leaks no tensor, also when the forward pass throws midway, and a failed pass leaves no rule mode behind', async () => {
    const model = await load(MOBILE, 'fused');
    // A ReLU convolution, then an NCHW one that refuses gradients after the first has run (its rule active).
    const mixed = await load([{ op: '_FusedConv2D', filters: 3, kernel: 3, fusedOps: ['BiasAdd', 'Relu'] }, { op: '_FusedConv2D', filters: 2, kernel: 1, dataFormat: 'NCHW', fusedOps: ['BiasAdd', 'Relu'] }], 'fused');
    const input = x();
    inputGradient(model, input); // warm-up (lazily created backend state)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      expect(() => tf.grad((v: tf.Tensor) => tf.sum(mixed.forward!(v, { gradientRules: { Relu: ({ dy }) => dy } })))(input)).toThrow(/NCHW/);
      expect(tf.memory().numTensors).toBe(before);
    }
    inputGradient(model, input, { Relu: ({ dy }) => tf.clone(dy) });
    inputGradient(model, input);
    const y = await model.predict(input);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const kernels = await kernelsOf(() => tf.grad((v: tf.Tensor) => tf.sum(model.forward!(v)))(input));
    expect(kernels).not.toContain('Relu'); // the ReLU-ruled passes are over: the dense ReLU runs fused again
    input.dispose();
    model.graph.dispose();
    mixed.graph.dispose();
  });
});
