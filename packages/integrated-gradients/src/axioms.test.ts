// Property tests of the integrated-gradients axioms (Sundararajan et al. 2017) on random small
// models: seeded weights and inputs, several seeds each.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRandom, fromFunction, fromLayersModel, type LayersModelLike, type Model } from '@glassbox/core';
import { randomInputs } from '@glassbox/core/testing';
import { integratedGradients } from './integratedGradients';

const D = 5, H = 7, O = 2;
const SEEDS = [1, 2, 3, 4, 5];

interface Weights { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] }

function randomWeights(seed: number, ignore?: number): Weights {
  const rng = createRandom(seed);
  const mat = (r: number, c: number, s: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal() * s));
  const w1 = mat(D, H, 0.8);
  if (ignore !== undefined) w1[ignore] = w1[ignore]!.map(() => 0);
  return { w1, b1: mat(1, H, 0.3)[0]!, w2: mat(H, O, 0.8), b2: mat(1, O, 0.3)[0]! };
}

/** softmax(tanh(x W1 + b1) W2 + b2) as a function model; `dispose` frees its weights. */
function mlp({ w1, b1, w2, b2 }: Weights): Model {
  const [W1, B1, W2, B2] = [tf.tensor2d(w1), tf.tensor1d(b1), tf.tensor2d(w2), tf.tensor1d(b2)];
  const m = fromFunction((x) => tf.softmax(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, W1), B1)), W2), B2)), { inputShape: [D], outputShape: [O] });
  return { ...m, dispose: () => tf.dispose([W1, B1, W2, B2]) };
}

/** The same function built differently: hidden units permuted and each split into two halves. */
function splitPermuted(w: Weights): Model {
  const perm = Array.from({ length: H }, (_, j) => (j * 3 + 1) % H);
  const w1 = w.w1.map((row) => perm.flatMap((p) => [row[p]!, row[p]!]));
  const b1 = perm.flatMap((p) => [w.b1[p]!, w.b1[p]!]);
  // tanh(z) appears twice; each copy carries half the outgoing weight (split 0.3 / 0.7).
  const w2 = perm.flatMap((p) => [w.w2[p]!.map((v) => 0.3 * v), w.w2[p]!.map((v) => 0.7 * v)]);
  return mlp({ w1, b1, w2, b2: w.b2 });
}

/** The same function as a tfjs-layers Sequential model (a different graph and adapter). */
function asLayersModel(w: Weights): Model {
  const m = tfl.sequential({
    layers: [tfl.layers.dense({ inputShape: [D], units: H, activation: 'tanh' }), tfl.layers.dense({ units: O, activation: 'softmax' })],
  });
  const ws = [tf.tensor2d(w.w1), tf.tensor1d(w.b1), tf.tensor2d(w.w2), tf.tensor1d(w.b2)];
  m.setWeights(ws);
  tf.dispose(ws);
  return { ...fromLayersModel(m as unknown as LayersModelLike), dispose: () => m.dispose() };
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => Math.max(s, Math.abs(v)), 0);

describe('integrated gradients: axioms on random models', () => {
  it('completeness: the convergence delta is small for smooth models (gausslegendre, 50 steps)', async () => {
    for (const seed of SEEDS) {
      const m = mlp(randomWeights(seed));
      const x = randomInputs(3, [D], seed + 100).map((r) => r.map((v) => 2 * v));
      const e = await integratedGradients().explain(m, x, { target: seed % O });
      const gaps = (e.diagnostics.fInputs as number[]).map((f, i) => f - (e.diagnostics.fBaselines as number[])[i]!);
      e.convergenceDelta!.forEach((d, i) => expect(Math.abs(d)).toBeLessThan(1e-5 * Math.max(1, Math.abs(gaps[i]!)) + 2e-6));
      m.dispose!();
    }
  });

  it('completeness improves with the step count for a coarse rule (riemann_left)', async () => {
    const m = mlp(randomWeights(9));
    const x = randomInputs(2, [D], 9).map((r) => r.map((v) => 3 * v));
    const delta = async (steps: number) => maxAbs((await integratedGradients({ rule: 'riemann_left', steps }).explain(m, x, { target: 0 })).convergenceDelta!);
    const [d4, d16, d64] = [await delta(4), await delta(16), await delta(64)];
    expect(d16).toBeLessThan(d4);
    expect(d64).toBeLessThan(d16);
    m.dispose!();
  });

  it('sensitivity: an input differing from the baseline in one feature, with a different output, gets all of f(x) − f(b) on that feature', async () => {
    for (const seed of SEEDS) {
      const m = mlp(randomWeights(seed));
      const j = seed % D;
      const b = randomInputs(1, [D], seed + 7)[0]!;
      const x = b.map((v, k) => (k === j ? v + 1.5 : v));
      const e = await integratedGradients({ baseline: { kind: 'values', values: b, shape: [D] } }).explain(m, [x], { target: 1 });
      const gap = (e.diagnostics.fInputs as number[])[0]! - (e.diagnostics.fBaselines as number[])[0]!;
      expect(Math.abs(gap)).toBeGreaterThan(1e-3);
      expect(e.attributions[j]).toBeCloseTo(gap, 5);
      for (let k = 0; k < D; k++) if (k !== j) expect(Math.abs(e.attributions[k]!)).toBe(0);
      m.dispose!();
    }
  });

  it('implementation invariance: functionally identical models built differently give the same attributions', async () => {
    for (const seed of SEEDS) {
      const w = randomWeights(seed);
      const [a, b, c] = [mlp(w), splitPermuted(w), asLayersModel(w)];
      const x = randomInputs(3, [D], seed + 50);
      const call = { target: [0, 1, 0], options: { steps: 32 } };
      const [ea, eb, ec] = [await integratedGradients().explain(a, x, call), await integratedGradients().explain(b, x, call), await integratedGradients().explain(c, x, call)];
      const scale = maxAbs(ea.attributions);
      expect(maxAbs(ea.attributions.map((v, i) => v - eb.attributions[i]!))).toBeLessThan(1e-5 * scale + 1e-7);
      expect(maxAbs(ea.attributions.map((v, i) => v - ec.attributions[i]!))).toBeLessThan(1e-5 * scale + 1e-7);
      [a, b, c].forEach((m) => m.dispose!());
    }
  });

  it('linearity: IG of a sum of two models is the sum of their IGs', async () => {
    for (const seed of SEEDS) {
      const [w1, w2] = [randomWeights(seed), randomWeights(seed + 1000)];
      const [f1, f2] = [mlp(w1), mlp(w2)];
      const sum = fromFunction((x) => tf.add(f1.forward!(x), f2.forward!(x)), { inputShape: [D], outputShape: [O] });
      const x = randomInputs(2, [D], seed + 3);
      const call = { target: 1, options: { rule: 'riemann_middle', steps: 20 } } as const;
      const [e1, e2, es] = [await integratedGradients().explain(f1, x, call), await integratedGradients().explain(f2, x, call), await integratedGradients().explain(sum, x, call)];
      const scale = maxAbs(es.attributions);
      expect(maxAbs(es.attributions.map((v, i) => v - (e1.attributions[i]! + e2.attributions[i]!)))).toBeLessThan(1e-5 * scale + 1e-7);
      [f1, f2].forEach((m) => m.dispose!());
    }
  });

  it('dummy: a feature the model ignores gets exactly zero attribution', async () => {
    for (const seed of SEEDS) {
      const ignored = (seed + 2) % D;
      const m = mlp(randomWeights(seed, ignored));
      const x = randomInputs(3, [D], seed + 11);
      for (const baseline of [0, 0.5, 'uniform']) {
        const e = await integratedGradients({ baseline }).explain(m, x, { seed });
        for (let i = 0; i < 3; i++) expect(Math.abs(e.attributions[i * D + ignored]!)).toBe(0);
        expect(maxAbs(e.attributions)).toBeGreaterThan(0);
      }
      m.dispose!();
    }
  });
});
