import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRandom, ensureGradients, fromBatchFunction, fromFunction } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs, trackTensors } from '@glassbox/core/testing';
import { integratedGradients } from './integratedGradients';

describe('integrated-gradients: conformance on the tiny MLP', () => {
  const suites = {
    default: integratedGradients(),
    'riemann_trapezoid, 16 steps, uniform noise baselines ×3': integratedGradients({ rule: 'riemann_trapezoid', steps: 16, baseline: 'uniform', baselineSamples: 3 }),
    'one path point per gradient call (many chunks)': integratedGradients({ steps: 8, internalBatchSize: 1 }),
  };
  for (const [label, explainer] of Object.entries(suites)) {
    for (const c of explainerConformance({ explainer, model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(`${label}: ${c.name}`, c.run);
  }
});

describe('integrated-gradients batching', () => {
  it('evaluates steps × examples together: one gradient call for 50 steps × 4 examples under the default budget', async () => {
    const m = createTinyMlp();
    const progress: number[] = [];
    const e = await integratedGradients().explain(m, randomInputs(4, [6]), { onProgress: (p) => progress.push(p.done) });
    expect(e.diagnostics).toMatchObject({ chunks: 1, chunkSize: 200, gradientEvaluations: 200 });
    expect(progress).toEqual([200]);
    m.dispose!();
  });

  it('splits into chunks under a small budget, with the same result, progress per chunk and a chunk size independent of the step count', async () => {
    const m = createTinyMlp({ seed: 2 });
    const x = randomInputs(4, [6], 3);
    const whole = await integratedGradients({ steps: 64 }).explain(m, x);
    const progress: number[] = [];
    const small = await integratedGradients({ steps: 64 }).explain(m, x, { memoryBudgetBytes: 40_000, onProgress: (p) => progress.push(p.done) });
    const d = small.diagnostics as { chunks: number; chunkSize: number };
    expect(d.chunks).toBeGreaterThan(1);
    expect(d.chunks).toBeLessThan(64); // never one call per step
    expect(progress.length).toBe(d.chunks);
    expect(progress.at(-1)).toBe(256);
    small.attributions.forEach((v, i) => expect(v).toBeCloseTo(whole.attributions[i]!, 5));
    const more = await integratedGradients({ steps: 1000 }).explain(m, x, { memoryBudgetBytes: 40_000 });
    expect((more.diagnostics as { chunkSize: number }).chunkSize).toBe(d.chunkSize);
    m.dispose!();
  });
});

describe('integrated-gradients memory', () => {
  it('keeps the engine’s peak within the memory budget, the same for 60 and 600 steps', async () => {
    await ensureGradients();
    const rng = createRandom(5);
    const w1 = tf.tensor2d(rng.fillNormal(new Float32Array(300 * 64), 0, 0.05), [300, 64]);
    const w2 = tf.tensor2d(rng.fillNormal(new Float32Array(64 * 2), 0, 0.1), [64, 2]);
    const model = fromFunction((x) => tf.softmax(tf.matMul(tf.relu(tf.matMul(x as tf.Tensor2D, w1)), w2)), { inputShape: [300], outputShape: [2] });
    const x = tf.tensor2d(rng.fillUniform(new Float32Array(4 * 300)), [4, 300]);
    const budget = 1 << 20; // 1 MiB
    const peak = async (steps: number) => {
      const start = tf.memory().numBytes;
      let chunks = 0;
      const info = await tf.profile(async () => {
        const e = await integratedGradients({ steps }).explain(model, x, { target: 1, memoryBudgetBytes: budget });
        chunks = e.diagnostics.chunks as number;
      });
      return { bytes: info.peakBytes - start, chunks };
    };
    const [p60, p600] = [await peak(60), await peak(600)];
    expect(p60.chunks).toBeGreaterThan(1);
    expect(p600.chunks).toBeGreaterThan(p60.chunks);
    expect(p60.bytes).toBeLessThanOrEqual(budget);
    expect(p600.bytes).toBeLessThanOrEqual(budget);
    expect(Math.abs(p600.bytes - p60.bytes)).toBeLessThan(0.1 * budget);
    tf.dispose([w1, w2, x]);
  });
});

describe('integrated-gradients bad input: typed errors without leaks', () => {
  const x = randomInputs(2, [6], 9);
  const expectError = async (call: () => Promise<unknown>, code: string, message?: RegExp) => {
    await ensureGradients();
    const r = await trackTensors(call);
    expect(r.error).toMatchObject({ code });
    if (message) expect((r.error as Error).message).toMatch(message);
    expect(r.leaked).toBe(0);
  };

  it('target out of range', async () => {
    const m = createTinyMlp();
    await expectError(() => integratedGradients().explain(m, x, { target: 3 }), 'TARGET_OUT_OF_RANGE', /expected an integer in \[0, 2\]/);
    await expectError(() => integratedGradients().explain(m, x, { target: [0, -1] }), 'TARGET_OUT_OF_RANGE');
    m.dispose!();
  });

  it('steps < 1 or not an integer, unknown rule, 1-step trapezoid', async () => {
    const m = createTinyMlp();
    await expectError(() => integratedGradients().explain(m, x, { options: { steps: 0 } }), 'INVALID_OPTION', /steps.*integer ≥ 1/);
    await expectError(() => integratedGradients().explain(m, x, { options: { steps: 2.5 } }), 'INVALID_OPTION', /integer/);
    await expectError(() => integratedGradients().explain(m, x, { options: { steps: 'many' as never } }), 'INVALID_OPTION');
    await expectError(() => integratedGradients().explain(m, x, { options: { rule: 'simpson' as never } }), 'INVALID_OPTION', /one of riemann_left/);
    await expectError(() => integratedGradients().explain(m, x, { options: { rule: 'riemann_trapezoid', steps: 1 } }), 'INVALID_OPTION', /at least 2 steps/);
    expect(() => integratedGradients({ steps: -3 })).toThrow(/integer ≥ 1/);
    m.dispose!();
  });

  it('baseline of the wrong shape, with NaN, unparseable, or samples for a deterministic baseline', async () => {
    const m = createTinyMlp();
    await expectError(() => integratedGradients().explain(m, x, { options: { baseline: [[1, 2, 3]] } }), 'INVALID_INPUT', /Baseline has shape \[1, 3\]; expected \[2, 6\].*or \[6\]/);
    await expectError(() => integratedGradients().explain(m, x, { options: { baseline: [0, 0, 0, 0, 0, NaN] } }), 'INVALID_INPUT', /NaN/);
    await expectError(() => integratedGradients().explain(m, x, { options: { baseline: 'sideways' } }), 'INVALID_OPTION', /unknown baseline "sideways"/);
    await expectError(() => integratedGradients().explain(m, x, { options: { baseline: 'blur:-1' } }), 'INVALID_OPTION', /sigma must be > 0/);
    await expectError(() => integratedGradients().explain(m, x, { options: { baselineSamples: 4 } }), 'INVALID_OPTION', /deterministic/);
    m.dispose!();
  });

  it('NaN or Infinity in the input', async () => {
    const m = createTinyMlp();
    await expectError(() => integratedGradients().explain(m, [[0, 1, 2, NaN, 4, 5]]), 'INVALID_INPUT', /NaN at example 0, element 3/);
    await expectError(() => integratedGradients().explain(m, [[0, 1, 2, 3, Infinity, 5]]), 'INVALID_INPUT', /Infinity/);
    m.dispose!();
  });

  it('a model without gradients', async () => {
    const m = createTinyMlp();
    const blackBox = fromBatchFunction(
      async (v, n) => {
        const t = tf.tensor(v, [n, 6]);
        const y = await m.predict(t);
        const d = (await y.data()) as Float32Array;
        tf.dispose([t, y]);
        return d;
      },
      { inputShape: [6], outputShape: [3] },
    );
    await expectError(() => integratedGradients().explain(blackBox, x), 'MISSING_CAPABILITY', /needs a model with gradients/);
    m.dispose!();
  });
});
