import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { deeplift } from './deeplift';
import { deepliftShap } from './deepliftShap';

const background = randomInputs(4, [6], 21);

describe('deeplift-shap: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: deepliftShap(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]), call: { options: { background } } })) {
    it(c.name, c.run);
  }
});

describe('deeplift-shap: expectation properties (seeded)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: is the mean of DeepLIFT against each background example`, async () => {
      const model = createTinyMlp({ seed, head: 'softmax' });
      const x = randomInputs(3, [6], 100 + seed);
      const bg = randomInputs(5, [6], 200 + seed);
      const shap = await deepliftShap({ background: bg as never }).explain(model, x, { target: 1 });
      const mean = new Float64Array(18);
      for (const b of bg) {
        const one = await deeplift({ baseline: b as never }).explain(model, x, { target: 1 });
        one.attributions.forEach((v, k) => (mean[k]! += v / bg.length));
      }
      mean.forEach((v, k) => expect(shap.attributions[k]).toBeCloseTo(v, 6));
      model.dispose!();
    });

    it(`seed ${seed}: on a logit head the attributions sum to f(x) − E[f(background)]`, async () => {
      const model = createTinyMlp({ seed, head: 'linear' });
      const x = randomInputs(4, [6], 300 + seed);
      const bg = randomInputs(8, [6], 400 + seed);
      const e = await deepliftShap({ background: bg as never }).explain(model, x, { target: 2 });
      const fx = (await model.predict(tf.tensor(x))).arraySync() as number[][];
      const fb = (await model.predict(tf.tensor(bg))).arraySync() as number[][];
      const expected = fb.reduce((s, r) => s + r[2]! / bg.length, 0);
      for (let i = 0; i < 4; i++) {
        const sum = Array.from(e.attributions.subarray(i * 6, i * 6 + 6)).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(fx[i]![2]! - expected, 4);
        expect(Math.abs(e.convergenceDelta![i]!)).toBeLessThan(1e-4);
      }
      model.dispose!();
    });
  }

  it('on a linear model equals the exact SHAP values (x − mean(background)) · w', async () => {
    const w = [0.5, -1, 2, 0.25, -0.75, 1.5];
    const wt = tf.tensor2d(w, [6, 1]);
    const model = fromFunction((v) => tf.matMul(v, wt), { inputShape: [6], outputShape: [1] });
    const x = randomInputs(2, [6], 5);
    const bg = randomInputs(6, [6], 6);
    const e = await deepliftShap({ background: bg as never }).explain(model, x, { target: 0 });
    const mu = w.map((_, j) => bg.reduce((s, r) => s + (r as number[])[j]! / bg.length, 0));
    x.forEach((row, i) => (row as number[]).forEach((v, j) => expect(e.attributions[i * 6 + j]).toBeCloseTo((v - mu[j]!) * w[j]!, 5)));
    wt.dispose();
  });

  it('refuses a missing or mis-shaped background with INVALID_OPTION', async () => {
    const model = createTinyMlp();
    await expect(deepliftShap().explain(model, randomInputs(2, [6]))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(deepliftShap({ background: [[1, 2]] as never }).explain(model, randomInputs(2, [6]))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    model.dispose!();
  });
});
