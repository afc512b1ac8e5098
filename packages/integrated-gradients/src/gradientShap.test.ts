import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { gradientShap } from './gradientShap';

const background = randomInputs(5, [6], 61);

describe('gradient-shap: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: gradientShap({ samples: 4, stdevs: 0.1 }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]), call: { options: { background } } })) {
    it(c.name, c.run);
  }
});

describe('gradient-shap: expectation properties (seeded)', () => {
  it('on a linear model: Σ attributions = f(x) − mean f(drawn baselines) exactly, and → w·(x − E[b]) as draws grow', async () => {
    const w = [0.5, -1, 2, 0.25, -0.75, 1.5];
    const wt = tf.tensor2d(w, [6, 1]);
    const model = fromFunction((v) => tf.matMul(v, wt), { inputShape: [6], outputShape: [1] });
    const x = randomInputs(2, [6], 62) as number[][];
    const mu = w.map((_, j) => background.reduce((s, r) => s + (r as number[])[j]! / background.length, 0));
    for (const seed of [1, 2]) {
      const e = await gradientShap({ background: background as never, samples: 4000 }).explain(model, x, { target: 0, seed });
      for (const d of e.convergenceDelta!) expect(Math.abs(d)).toBeLessThan(1e-4);
      x.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(e.attributions[i * 6 + j]! - w[j]! * (v - mu[j]!))).toBeLessThan(0.05 * Math.abs(w[j]!))));
    }
    wt.dispose();
  });

  it('on a nonlinear model: E[Σ attributions] = f(x) − E[f(background)] (mean over seeds within Monte Carlo error)', async () => {
    const model = createTinyMlp({ seed: 5, head: 'linear' });
    const x = randomInputs(2, [6], 63) as number[][];
    const fx = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    const fb = (await model.predict(tf.tensor(background))).arraySync() as number[][];
    const expected = x.map((_, i) => fx[i]![1]! - fb.reduce((s, r) => s + r[1]! / fb.length, 0));
    const sums = [0, 0];
    const seeds = [1, 2, 3, 4];
    for (const seed of seeds) {
      const e = await gradientShap({ background: background as never, samples: 500 }).explain(model, x, { target: 1, seed });
      for (let i = 0; i < 2; i++) sums[i]! += Array.from(e.attributions.subarray(i * 6, i * 6 + 6)).reduce((a, b) => a + b, 0) / seeds.length;
    }
    sums.forEach((s, i) => expect(Math.abs(s - expected[i]!)).toBeLessThan(0.02 * Math.max(1, Math.abs(expected[i]!))));
    model.dispose!();
  });

  it('noise changes the draws; a different seed gives different attributions; a missing background is INVALID_OPTION', async () => {
    const model = createTinyMlp();
    const x = randomInputs(1, [6], 64);
    const a = await gradientShap({ background: background as never, stdevs: 0.2 }).explain(model, x, { seed: 1 });
    const b = await gradientShap({ background: background as never, stdevs: 0.2 }).explain(model, x, { seed: 2 });
    expect(Array.from(a.attributions)).not.toEqual(Array.from(b.attributions));
    await expect(gradientShap().explain(model, x)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    model.dispose!();
  });
});
