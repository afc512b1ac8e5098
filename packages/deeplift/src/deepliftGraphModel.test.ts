import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '@glassbox/core/node';
import { randomInputs, tinyFusedGraphModel, type FusedNodeSpec } from '@glassbox/core/testing';
import { deeplift } from './deeplift';

/** A converted MobileNet-like graph: every ReLU/ReLU6 is fused into a _FusedConv2D, FusedDepthwiseConv2dNative or _FusedMatMul node. */
const NODES: FusedNodeSpec[] = [
  { op: '_FusedConv2D', filters: 4, kernel: 3, strides: 2, fusedOps: ['BiasAdd', 'Relu6'] },
  { op: 'FusedDepthwiseConv2dNative', filters: 1, kernel: 3, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedConv2D', filters: 5, kernel: 1, fusedOps: ['BiasAdd'] },
  { op: 'Flatten' },
  { op: '_FusedMatMul', units: 8, fusedOps: ['BiasAdd', 'Relu'] },
  { op: '_FusedMatMul', units: 3, fusedOps: ['BiasAdd'] },
];

function writeGraph(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gb-deeplift-graph-'));
  const { modelJson, weightData } = tinyFusedGraphModel({ inputShape: [9, 9, 3], nodes: NODES });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weightData));
  return join(dir, 'model.json');
}

describe('deeplift on a graph model with fused ReLUs', () => {
  it('is complete: the attributions of each example sum to f(x) − f(baseline) (logit target)', async () => {
    const model = await loadModel(writeGraph());
    const inputs = randomInputs(3, [9, 9, 3], 4) as unknown as number[][][][];
    const baseline = (randomInputs(1, [9, 9, 3], 5) as unknown as number[][][][])[0]!.map((r) => r.map((c) => c.map((v) => 0.2 * v)));
    const before = tf.memory().numTensors;
    const e = await deeplift({ baseline: baseline as never }).explain(model, inputs, { target: 1 });
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.tensor(inputs), ref = tf.tensor([baseline]);
    const [fx, fRef] = [await model.predict(x), await model.predict(ref)];
    const out = (await fx.array()) as number[][], outRef = (await fRef.array()) as number[][];
    tf.dispose([x, ref, fx, fRef]);
    const per = 9 * 9 * 3;
    const flat = e.attributions;
    for (let i = 0; i < inputs.length; i++) {
      let sum = 0;
      for (let j = 0; j < per; j++) sum += flat[i * per + j]!;
      const delta = out[i]![1]! - outRef[0]![1]!;
      expect(Math.abs(sum - delta), `example ${i}: Σ ${sum} vs Δf ${delta}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(delta)));
      expect(Math.abs(e.convergenceDelta![i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(delta)));
    }
    model.dispose?.();
  });
});
