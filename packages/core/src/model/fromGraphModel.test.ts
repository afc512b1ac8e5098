import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../node/loadModel';
import { tinyGraphModel, type TinyGraphModelOptions } from '../testing/tinyGraphModel';
import { ensureGradients } from '../backend/ensureGradients';
import { targetGradients } from '../tensor/selectTargets';
import { defineExplainer } from '../explainer/defineExplainer';
import { GlassboxError } from '../errors/GlassboxError';

/** Writes a converter-format graph model (model.json + weights.bin) to a fresh folder. */
function writeGraph(options: TinyGraphModelOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'gb-graph-'));
  const { modelJson, weightData } = tinyGraphModel(options);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weightData));
  return join(dir, 'model.json');
}

/** The tiny graph's probabilities computed directly from its weights. */
function expected(x: number[][], options: TinyGraphModelOptions = {}): number[][] {
  const { w, b } = tinyGraphModel(options).weights;
  return x.map((row) => {
    const z = [0, 1, 2].map((j) => b[j]! + row.reduce((s, v, i) => s + v * w[i * 3 + j]!, 0));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    return e.map((v) => v / e.reduce((s, u) => s + u, 0));
  });
}

const x = [
  [0.1, -0.5, 0.3, 0.9],
  [1, 0.2, -0.7, 0.05],
];

const grad = defineExplainer({
  name: 'test-gradient',
  package: { name: 'graph-test', version: '0.0.0' },
  kind: 'attribution',
  description: 'plain input gradient',
  requires: ['gradients'],
  options: {},
  run: async ({ model, inputs, targets }) => ({ attributions: targetGradients(model.forward!, inputs, targets) }),
});

describe('graph models load with no shape configuration', () => {
  it.each([
    ['no signature (Placeholder shape, dynamic batch, output by dry run)', {}],
    ['a signature declaring [-1, 4] → [-1, 3]', { signature: true }],
    ['a signature and a Placeholder of unknown rank', { signature: true, placeholderUnknownRank: true }],
    ['a Placeholder with a fixed batch of 1 (run example by example)', { batchOfOne: true }],
  ])('%s', async (_, options: TinyGraphModelOptions) => {
    const before = tf.memory().numTensors;
    const model = await loadModel(writeGraph(options));
    expect(model.inputShape).toEqual([4]);
    expect(model.outputShape).toEqual([3]);
    const input = tf.tensor2d(x);
    const y = await model.predict(input);
    const got = (await y.array()) as number[][];
    tf.dispose([input, y]);
    expected(x).forEach((row, i) => row.forEach((v, j) => expect(got[i]![j]).toBeCloseTo(v, 5)));
    model.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a graph with several outputs needs --output; the error lists them; naming one works', async () => {
    const path = writeGraph({ twoOutputs: true });
    const err = await loadModel(path).catch((e) => e);
    expect(err).toBeInstanceOf(GlassboxError);
    expect(err.code).toBe('UNSUPPORTED_MODEL');
    expect(err.message).toContain('Identity, Identity_1');
    const logits = await loadModel(path, { outputName: 'Identity_1' });
    expect(logits.outputShape).toEqual([3]);
    const probs = await loadModel(path, { outputName: 'Identity' });
    const input = tf.tensor2d(x);
    const [a, b] = [await logits.predict(input), await probs.predict(input)];
    const sm = tf.softmax(a);
    const want = Array.from(await b.data());
    Array.from(await sm.data()).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    tf.dispose([a, b, sm, input]);
    logits.dispose?.();
    probs.dispose?.();
    const unknown = await loadModel(path, { outputName: 'nope' }).catch((e) => e);
    expect(unknown.code).toBe('UNSUPPORTED_MODEL');
    expect(unknown.message).toMatch(/no output "nope".*Identity, Identity_1/);
  });

  it('a graph with several inputs needs --input-name; the error lists them', async () => {
    const err = await loadModel(writeGraph({ twoInputs: true })).catch((e) => e);
    expect(err.code).toBe('UNSUPPORTED_MODEL');
    expect(err.message).toMatch(/2 inputs \(x, bias\).*--input-name/);
  });

  it('an op without a gradient (TopK) gives one NO_GRADIENT error naming it, and leaks no tensor', async () => {
    await ensureGradients();
    const model = await loadModel(writeGraph({ topK: true }));
    expect(model.outputShape).toEqual([2]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const err = await grad.explain(model, x, { target: 0 }).catch((e) => e);
      expect(err).toBeInstanceOf(GlassboxError);
      expect(err.code).toBe('NO_GRADIENT');
      expect(err.details.op).toBe('TopK');
      expect(err.message).toMatch(/"TopK".*occlusion, surrogate-tree/);
    }
    expect(tf.memory().numTensors).toBe(before);
    // The engine is usable afterwards: gradients of a differentiable graph still work.
    const ok = await loadModel(writeGraph({}));
    const e = await grad.explain(ok, x, { target: 1 });
    expect(e.attributions.every(Number.isFinite)).toBe(true);
    ok.dispose?.();
    model.dispose?.();
  });
});
