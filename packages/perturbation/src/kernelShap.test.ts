import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { kernelShap } from './kernelShap';
import { exactShapley } from './exactShapley';

describe('kernel-shap: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: kernelShap({ samples: 40 }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]), call: { options: { background: randomInputs(3, [6], 4) } } })) {
    it(c.name, c.run);
  }
});

/** Largest |kernel − exact| over the examples' features, relative to the largest |exact|. */
async function relativeError(samples: number, seed: number, m: number, model: ReturnType<typeof createTinyMlp>, x: number[][], bg: number[][], exact: number[][]) {
  const e = await kernelShap({ background: bg as never, samples }).explain(model, x, { target: 1, seed });
  let err = 0, scale = 0;
  exact.forEach((row, i) => row.forEach((v, j) => ((err = Math.max(err, Math.abs(e.attributions[i * m + j]! - v))), (scale = Math.max(scale, Math.abs(v))))));
  return { err: err / scale, e };
}

describe('kernel-shap against Shapley values enumerated exactly', () => {
  it('10 features, 3 background rows: every coalition enumerated → equal to exact Shapley values', async () => {
    const model = createTinyMlp({ inputs: 10, hidden: 12, outputs: 3, seed: 8 });
    const x = randomInputs(3, [10], 31) as number[][];
    const bg = randomInputs(3, [10], 32) as number[][];
    const exact = await Promise.all(x.map((row) => exactShapley(model, row, bg, 1)));
    const { err, e } = await relativeError(1022, 0, 10, model, x, bg, exact);
    expect(e.data!.exact).toBe(true);
    expect(err).toBeLessThan(1e-4);
    // Additivity: Σφ = f(x) − E[f(background)].
    const fx = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    x.forEach((_, i) => {
      const sum = Array.from(e.attributions.subarray(i * 10, i * 10 + 10)).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(fx[i]![1]! - e.data!.expectedValue[i]!, 5);
      expect(Math.abs(e.convergenceDelta![i]!)).toBeLessThan(1e-6);
    });
    model.dispose!();
  });

  it('12 features: the error shrinks as samples grow (mean over 3 seeds)', async () => {
    const model = createTinyMlp({ inputs: 12, hidden: 12, outputs: 3, seed: 9 });
    const x = randomInputs(2, [12], 41) as number[][];
    const bg = randomInputs(4, [12], 42) as number[][];
    const exact = await Promise.all(x.map((row) => exactShapley(model, row, bg, 1)));
    const mean: number[] = [];
    for (const samples of [32, 256, 2048]) {
      let s = 0;
      for (const seed of [1, 2, 3]) s += (await relativeError(samples, seed, 12, model, x, bg, exact)).err / 3;
      mean.push(s);
    }
    expect(mean[1]!).toBeLessThan(mean[0]!);
    expect(mean[2]!).toBeLessThan(mean[1]!);
    expect(mean[2]!).toBeLessThan(0.25 * mean[0]!);
    model.dispose!();
  });

  it('groups (feature mask) are players that share their value; superpixels group image pixels', async () => {
    const model = createTinyMlp({ inputs: 8, outputs: 2, seed: 3 });
    const x = randomInputs(2, [8], 5) as number[][];
    const bg = randomInputs(2, [8], 6) as number[][];
    const mask = [0, 0, 1, 1, 2, 2, 3, 3];
    const e = await kernelShap({ background: bg as never, featureMask: mask as never, samples: 14 }).explain(model, x, { target: 0 });
    expect(e.data!.exact).toBe(true);
    for (let i = 0; i < 2; i++) {
      const phi = await exactShapleyGroups(model, x[i]!, bg, mask);
      for (let j = 0; j < 8; j++) expect(e.attributions[i * 8 + j]).toBeCloseTo(phi[mask[j]!]!, 4);
    }
    model.dispose!();
  });

  it('refuses a background of the wrong shape (INVALID_OPTION)', async () => {
    const model = createTinyMlp();
    await expect(kernelShap({ background: [[1, 2, 3]] as never }).explain(model, randomInputs(1, [6]))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    model.dispose!();
  });
});

/** Exact group Shapley values: coalitions over groups, each group taking x's or b's values together. */
async function exactShapleyGroups(model: ReturnType<typeof createTinyMlp>, x: number[], bg: number[][], mask: number[]): Promise<number[]> {
  const g = Math.max(...mask) + 1;
  const rows: number[][] = [];
  for (let s = 0; s < 2 ** g; s++) for (const b of bg) rows.push(b.map((v, j) => ((s >> mask[j]!) & 1 ? x[j]! : v)));
  const out = tf.tidy(() => model.forward!(tf.tensor2d(rows)).arraySync() as number[][]);
  const v = Array.from({ length: 2 ** g }, (_, s) => bg.reduce((a, _b, k) => a + out[s * bg.length + k]![0]! / bg.length, 0));
  const fact = [1, 1, 2, 6, 24];
  const phi = new Array<number>(g).fill(0);
  for (let s = 0; s < 2 ** g; s++) {
    let size = 0;
    for (let j = 0; j < g; j++) size += (s >> j) & 1;
    for (let i = 0; i < g; i++) if (!((s >> i) & 1)) phi[i]! += (fact[size]! * fact[g - size - 1]! / fact[g]!) * (v[s | (1 << i)]! - v[s]!);
  }
  return phi;
}
