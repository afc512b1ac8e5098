import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as tfc from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../backend/ensureGradients';
import { withGradientRules } from './withGradientRules';
import { fromLayersModel, type LayersModelLike } from './fromLayersModel';
import { fromGraphModel, type GraphModelLike } from './fromGraphModel';
import { fromFunction } from './fromFunction';
import type { GradientRules } from './GradientRules';
import type { Model } from './Model';

/** A rule that makes every ReLU pass its incoming gradient through unchanged (identity backward). */
const identityRelu: GradientRules = { Relu: ({ dy }) => tf.clone(dy) };

const grad = (model: Model, x: tf.Tensor, rules?: GradientRules) =>
  tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(model.forward!(v, { gradientRules: rules })))(x).arraySync() as number[][]);

/** A graph model written by hand: x[4] → MatMul(w) → Relu → Softmax. */
async function tinyGraph(w: Float32Array): Promise<GraphModelLike> {
  const f = { type: 'DT_FLOAT' };
  const modelTopology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: { dim: [{ size: '-1' }, { size: '4' }] } } } },
      { name: 'w', op: 'Const', attr: { dtype: f, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '4' }, { size: '3' }] } } } } },
      { name: 'mm', op: 'MatMul', input: ['x', 'w'], attr: { transpose_a: { b: false }, transpose_b: { b: false } } },
      { name: 'r', op: 'Relu', input: ['mm'] },
      { name: 'out', op: 'Softmax', input: ['r'] },
    ],
    versions: { producer: 1 },
  };
  return tfc.loadGraphModel(
    tf.io.fromMemory({ modelTopology, weightSpecs: [{ name: 'w', shape: [4, 3], dtype: 'float32' }], weightData: w.buffer as ArrayBuffer, format: 'graph-model' }),
  ) as unknown as GraphModelLike;
}

describe('withGradientRules', () => {
  beforeAll(async () => {
    await ensureGradients();
  });
  const x = tf.tensor2d([[1, -2, 0.5, 3], [-1, 0.25, 2, -0.5]]);
  const w = Float32Array.from([0.3, -0.8, 0.5, -0.2, 0.4, 0.9, 0.7, -0.1, -0.6, 0.2, 0.6, -0.3]);

  it('replaces the ReLU backward pass of a Layers model and restores tfjs gradients afterwards', () => {
    const net = tfl.sequential({
      layers: [tfl.layers.dense({ units: 3, inputShape: [4], activation: 'relu', useBias: false, weights: [tf.tensor2d(w, [4, 3])] })],
    });
    const model = fromLayersModel(net as unknown as LayersModelLike);
    expect(model.capabilities.has('gradient-rules')).toBe(true);
    const before = tf.getGradient('Relu');
    const n0 = tf.memory().numTensors;
    const truth = grad(model, x);
    const ruled = grad(model, x, identityRelu);
    // Identity ReLU backward: d sum(W·x)/dx = row sums of W, for every example.
    const rowSums = [0, 1, 2, 3].map((i) => w[3 * i]! + w[3 * i + 1]! + w[3 * i + 2]!);
    for (const row of ruled) row.forEach((g, j) => expect(g).toBeCloseTo(rowSums[j]!, 5));
    expect(truth).not.toEqual(ruled); // some units are inactive, so the true gradient differs
    expect(grad(model, x)).toEqual(truth);
    expect(tf.getGradient('Relu')).toBe(before);
    expect(tf.memory().numTensors).toBe(n0);
    net.dispose();
  });

  it('applies to a Graph model and to a function model the same way', async () => {
    const graph = fromGraphModel(await tinyGraph(w), { inputShape: [4], outputShape: [3] });
    const fn = fromFunction((v) => tf.softmax(tf.relu(tf.matMul(v, tf.tensor2d(w, [4, 3])))), { inputShape: [4], outputShape: [3] });
    expect(graph.capabilities.has('gradient-rules')).toBe(true);
    // A softmax rule that passes dy through: the loss is sum(output), so ReLU sees all-ones.
    const rules: GradientRules = { ...identityRelu, Softmax: ({ dy }) => tf.clone(dy) };
    const g = grad(graph, x, rules);
    const f = grad(fn, x, rules);
    const rowSums = [0, 1, 2, 3].map((i) => w[3 * i]! + w[3 * i + 1]! + w[3 * i + 2]!);
    for (const row of g) row.forEach((v, j) => expect(v).toBeCloseTo(rowSums[j]!, 5));
    expect(f).toEqual(g);
    // Without rules the true gradient of sum(softmax) is zero.
    for (const row of grad(graph, x)) for (const v of row) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('hands the rule the kernel input, output, attributes and true gradient (max pooling)', () => {
    const seen: string[] = [];
    const img = tf.tensor4d(Array.from({ length: 16 }, (_, i) => ((i * 7) % 16) - 8), [1, 4, 4, 1]);
    const fn = fromFunction((v) => tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'), { inputShape: [4, 4, 1], outputShape: [2, 2, 1] });
    const truth = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(fn.forward!(v)))(img).dataSync());
    const ruled = tf.tidy(() =>
      tf.grad((v: tf.Tensor) =>
        tf.sum(fn.forward!(v, {
          gradientRules: {
            MaxPool: ({ x, y, attrs, gradient }) => {
              seen.push(`${x.shape}|${y.shape}|${String(attrs.filterSize)}`);
              return tf.mul(gradient(), 2);
            },
          },
        })),
      )(img).dataSync(),
    );
    expect(seen).toEqual(['1,4,4,1|1,2,2,1|2']);
    expect(Array.from(ruled)).toEqual(Array.from(truth).map((v) => 2 * v));
  });

  it('restores the registry when the forward pass throws, and refuses unknown kernels', () => {
    const before = tf.getGradient('Relu');
    expect(() => withGradientRules(identityRelu, () => { throw new Error('boom'); })).toThrow('boom');
    expect(tf.getGradient('Relu')).toBe(before);
    expect(() => withGradientRules({ MatMul: () => tf.scalar(0) } as unknown as GradientRules, () => 1)).toThrow(/MatMul/);
  });
});
