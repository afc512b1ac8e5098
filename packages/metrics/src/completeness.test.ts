import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { normalize, pipeline } from '@glassbox/core';
import { createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { completeness } from './completeness';
import { gradientExplainer, gradientTimesInput, linearModel } from './testFixtures';

describe('completeness', () => {
  it('gradient × input on a linear model is complete: Δ ≈ 0 and ok', async () => {
    const m = linearModel([1, -2, 3, 0.5], 0.25);
    const e = await gradientTimesInput().explain(m, [[1, 2, 3, 4], [-1, 0.5, 2, 1]], { target: 0 });
    const r = await completeness(e, { tolerance: 1e-5 });
    expect(r.ok).toBe(true);
    expect(r.maxAbsDelta).toBeLessThan(1e-5);
    // f(x) − f(0) = w · x by hand: 1 − 4 + 9 + 2 = 8 and −1 − 1 + 6 + 0.5 = 4.5
    expect(r.outputChange[0]).toBeCloseTo(8, 5);
    expect(r.outputChange[1]).toBeCloseTo(4.5, 5);
    m.dispose?.();
  });

  it('on a nonlinear model reports |Δ| / |f(x) − f(0)| from independent model calls, and fails the tolerance', async () => {
    const m = createTinyMlp({ inputs: 5, outputs: 3, seed: 2, head: 'sigmoid' });
    const x = randomInputs(2, [5], 6);
    const e = await gradientTimesInput().explain(m, x, { target: 1 });
    const r = await completeness(e);
    const fx = (await m.predict(tf.tensor(x))).arraySync() as number[][];
    const f0 = (await m.predict(tf.zeros([1, 5]))).arraySync() as number[][];
    for (let i = 0; i < 2; i++) {
      const sum = Array.from(e.attributions.slice(i * 5, i * 5 + 5)).reduce((a, b) => a + b, 0);
      const change = fx[i]![1]! - f0[0]![1]!;
      expect(r.outputChange[i]).toBeCloseTo(change, 5);
      expect(r.perExample[i]).toBeCloseTo(Math.abs(sum - change) / Math.abs(change), 4);
    }
    expect(r.score).toBeGreaterThan(0.05);
    expect(r.ok).toBe(false);
    m.dispose?.();
  });

  it('refuses explanations without a convergence delta, and says why after post-processing', async () => {
    const m = linearModel([1, 2]);
    const plain = await gradientExplainer().explain(m, [[1, 1]]);
    await expect(completeness(plain)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"test-gradient" explanation has none') });
    const post = await pipeline(gradientTimesInput()).use(normalize()).run(m, [[1, 1]]);
    await expect(completeness(post)).rejects.toThrow(/post-processing steps drop it/);
    await expect(completeness(plain, { tolerance: -1 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    m.dispose?.();
  });
});
