import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { randomInputs, tinyFusedGraphModel, type FusedNodeSpec } from '@glassbox/core/testing';
import { deconvolution, guidedBackprop } from './guidedBackprop';
import { saliency } from './saliency';

/** Every ReLU is fused into a _FusedConv2D, FusedDepthwiseConv2dNative or _FusedMatMul node. */
const NODES: FusedNodeSpec[] = [
  { op: '_FusedConv2D', filters: 4, kernel: 3, strides: 2, fusedOps: ['BiasAdd', 'Relu'] },
  { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 3, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedConv2D', filters: 5, kernel: 1, fusedOps: ['BiasAdd'] },
  { op: 'Flatten' },
  { op: '_FusedMatMul', units: 8, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedMatMul', units: 3, fusedOps: ['BiasAdd'] },
];

describe('guided backprop and deconvolution on a graph model with fused ReLUs', () => {
  it('equal the same network written with separate tfjs ops (the rules reach the fused ReLUs)', async () => {
    const { modelJson, weightData } = tinyFusedGraphModel({ inputShape: [9, 9, 3], nodes: NODES });
    const dir = mkdtempSync(join(tmpdir(), 'gb-guided-graph-'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weightData));
    const graph = await loadModel(join(dir, 'model.json'));
    // The graph's weights, decoded from the manifest, and the network as separate ops.
    const w: Record<string, tf.Tensor> = {};
    let offset = 0;
    for (const s of modelJson.weightsManifest[0]!.weights) {
      const n = s.shape.reduce((a, b) => a * b, 1);
      w[s.name] = s.dtype === 'int32' ? tf.tensor(new Int32Array(weightData, offset, n), s.shape, 'int32') : tf.tensor(new Float32Array(weightData, offset, n), s.shape);
      offset += 4 * n;
    }
    const net = (x: tf.Tensor) => {
      let h = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w['n0/filter'] as tf.Tensor4D, 2, 'same'), w['n0/bias']!));
      h = tf.relu(tf.add(tf.depthwiseConv2d(h as tf.Tensor4D, w['n1/filter'] as tf.Tensor4D, 1, 'same'), w['n1/bias']!));
      h = tf.add(tf.conv2d(h as tf.Tensor4D, w['n2/filter'] as tf.Tensor4D, 1, 'same'), w['n2/bias']!);
      h = tf.relu(tf.add(tf.matMul(tf.reshape(h, [x.shape[0], -1]), w['n4/w']!), w['n4/bias']!));
      return tf.add(tf.matMul(h, w['n5/w']!), w['n5/bias']!);
    };
    const reference = fromFunction(net, { inputShape: [9, 9, 3], outputShape: [3] });
    const inputs = randomInputs(2, [9, 9, 3], 6);
    const before = tf.memory().numTensors;
    for (const method of [guidedBackprop(), deconvolution()]) {
      const [got, want] = [await method.explain(graph, inputs, { target: 2 }), await method.explain(reference, inputs, { target: 2 })];
      const diff = got.attributions.reduce((m, v, i) => Math.max(m, Math.abs(v - want.attributions[i]!)), 0);
      const scale = want.attributions.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(diff / scale, method.name).toBeLessThanOrEqual(1e-5);
      // The rule matters: the plain gradient differs.
      const plain = await saliency({ abs: false }).explain(graph, inputs, { target: 2 });
      expect(plain.attributions.reduce((m, v, i) => Math.max(m, Math.abs(v - got.attributions[i]!)), 0) / scale, method.name).toBeGreaterThan(0.01);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(w));
    graph.dispose?.();
  });
});
