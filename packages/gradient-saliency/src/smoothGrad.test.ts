import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction, noiseTunnel } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { smoothGrad, smoothGradSquared, varGrad } from './smoothGrad';
import { saliency } from './saliency';

describe('noise methods: conformance on the tiny MLP', () => {
  for (const make of [smoothGrad, smoothGradSquared, varGrad]) {
    for (const c of explainerConformance({ explainer: make({ samples: 6 }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
  }
});

describe('noise methods on known functions', () => {
  // f(x) = Σ a_j x_j²: gradient 2 a x; with noise e ~ N(0, σ²) the gradient 2a(x + e) has mean 2ax
  // and variance 4a²σ², and its square has mean 4a²(x² + σ²).
  const a = [1, -2, 0.5];
  const quad = () => {
    const at = tf.tensor1d(a);
    const m = fromFunction((x) => tf.sum(tf.mul(at, tf.square(x)), 1, true), { inputShape: [3], outputShape: [1] });
    return { ...m, dispose: () => at.dispose() };
  };
  const x = [[0, 1, -1]]; // range 2, so σ = noiseLevel × 2
  const noiseLevel = 0.1, sigma = 0.2, samples = 4000;

  it('smoothgrad converges to the mean gradient 2ax', async () => {
    const m = quad();
    const e = await smoothGrad({ samples, noiseLevel }).explain(m, x, { target: 0, seed: 5 });
    // standard error of the mean: 2|a|σ/√samples ≤ 0.013
    a.forEach((aj, j) => expect(Math.abs(e.attributions[j]! - 2 * aj * x[0]![j]!)).toBeLessThan(4 * (2 * Math.abs(aj) * sigma) / Math.sqrt(samples)));
    expect((e.diagnostics.noiseSigma as number[])[0]).toBeCloseTo(sigma, 6);
    m.dispose();
  });

  it('vargrad converges to 4a²σ² and smoothgrad-squared to 4a²(x² + σ²)', async () => {
    const m = quad();
    const v = await varGrad({ samples, noiseLevel }).explain(m, x, { target: 0, seed: 6 });
    const s2 = await smoothGradSquared({ samples, noiseLevel }).explain(m, x, { target: 0, seed: 6 });
    a.forEach((aj, j) => {
      expect(v.attributions[j]!).toBeCloseTo(4 * aj * aj * sigma * sigma, 1);
      expect(Math.abs(v.attributions[j]! / (4 * aj * aj * sigma * sigma) - 1)).toBeLessThan(0.1);
      const want = 4 * aj * aj * (x[0]![j]! ** 2 + sigma * sigma);
      expect(Math.abs(s2.attributions[j]! - want)).toBeLessThan(0.1 * want);
    });
    m.dispose();
  });

  it('with zero noise: smoothgrad = signed saliency, smoothgrad-squared = its square, vargrad = 0', async () => {
    const m = createTinyMlp({ seed: 3 });
    const xs = randomInputs(2, [6], 5);
    const g = await saliency({ abs: false }).explain(m, xs, { target: 1 });
    const sg = await smoothGrad({ samples: 3, noiseLevel: 0 }).explain(m, xs, { target: 1 });
    const sq = await smoothGradSquared({ samples: 3, noiseLevel: 0 }).explain(m, xs, { target: 1 });
    const vg = await varGrad({ samples: 3, noiseLevel: 0 }).explain(m, xs, { target: 1 });
    g.attributions.forEach((v, i) => {
      expect(sg.attributions[i]).toBeCloseTo(v, 6);
      expect(sq.attributions[i]).toBeCloseTo(v * v, 6);
      expect(vg.attributions[i]).toBeCloseTo(0, 6);
    });
    m.dispose!();
  });

  it('repeats under a seed, changes with it, and equals core’s noiseTunnel around saliency', async () => {
    const m = createTinyMlp({ seed: 8 });
    const xs = randomInputs(2, [6], 1);
    const a1 = await smoothGrad({ samples: 5 }).explain(m, xs, { seed: 1 });
    const a2 = await smoothGrad({ samples: 5 }).explain(m, xs, { seed: 1 });
    const b = await smoothGrad({ samples: 5 }).explain(m, xs, { seed: 2 });
    expect(Array.from(a2.attributions)).toEqual(Array.from(a1.attributions));
    expect(Array.from(b.attributions)).not.toEqual(Array.from(a1.attributions));
    const viaCore = await noiseTunnel(saliency({ abs: false }), { samples: 5 }).explain(m, xs, { seed: 1 });
    expect(Array.from(viaCore.attributions)).toEqual(Array.from(a1.attributions));
    m.dispose!();
  });

  it('takes the abs option of the gradient and refuses the aggregate option (fixed by the method)', async () => {
    const m = createTinyMlp();
    const xs = randomInputs(2, [6]);
    const e = await smoothGrad({ abs: true, samples: 4 }).explain(m, xs);
    expect(e.attributions.every((v) => v >= 0)).toBe(true);
    expect(e.options).toEqual({ abs: true, samples: 4, noiseLevel: 0.15 });
    await expect(varGrad().explain(m, xs, { options: { aggregate: 'smoothgrad' } })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expect(() => smoothGrad({ samples: 0 })).toThrow(/samples/);
    m.dispose!();
  });
});
