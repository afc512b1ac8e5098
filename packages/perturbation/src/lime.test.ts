import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { lime } from './lime';
import { featurePermutation } from './featurePermutation';

describe('lime: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: lime({ samples: 60 }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
});

describe('feature-permutation: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: featurePermutation({ repeats: 2 }), model: () => createTinyMlp(), inputs: () => randomInputs(4, [6]) })) it(c.name, c.run);
});

const w = [0.5, -1, 2, 0, -0.75, 1.5];
const linear = () => {
  const wt = tf.tensor2d(w, [6, 1]);
  return { ...fromFunction((v) => tf.add(tf.matMul(v, wt), 0.3), { inputShape: [6], outputShape: [1] }), dispose: () => wt.dispose() };
};

describe('lime on known models', () => {
  it('recovers a linear model exactly: coefficient j = w_j · (x_j − baseline_j), fidelity 1', async () => {
    const model = linear();
    const x = randomInputs(2, [6], 12) as number[][];
    const e = await lime({ samples: 200, ridge: 0 }).explain(model, x, { target: 0, seed: 4 });
    x.forEach((row, i) => row.forEach((v, j) => expect(e.attributions[i * 6 + j]).toBeCloseTo(w[j]! * v, 4)));
    for (const s of e.data!.instances) expect(s.fidelity).toBeCloseTo(1, 6);
    model.dispose();
  });

  it('reports lower fidelity for a strongly nonlinear model than for a linear one (seeded)', async () => {
    const bumpy = fromFunction((v) => tf.sum(tf.sin(tf.mul(v, 6)), 1, true), { inputShape: [6], outputShape: [1] });
    const x = randomInputs(3, [6], 13);
    const e = await lime({ samples: 400 }).explain(bumpy, x, { target: 0, seed: 1 });
    expect(e.data!.fidelity).toBeLessThan(1);
    const groups = await lime({ samples: 100, featureMask: [0, 0, 0, 1, 1, 1] as never }).explain(bumpy, x, { target: 0, seed: 1 });
    expect(groups.attributions[0]).toBe(groups.attributions[2]);
  });
});

describe('feature-permutation on known models', () => {
  it('gives zero importance to an ignored feature and ranks features by |weight| (seeded)', async () => {
    const model = linear();
    const x = randomInputs(64, [6], 14);
    const e = await featurePermutation({ repeats: 4 }).explain(model, x, { target: 0, seed: 2 });
    const imp = e.data!.importance;
    expect(imp[3]).toBe(0);
    expect(imp[2]!).toBeGreaterThan(imp[5]!);
    expect(imp[5]!).toBeGreaterThan(imp[1]!);
    expect(imp[1]!).toBeGreaterThan(imp[0]!);
    model.dispose();
  });

  it('refuses a single row (INVALID_INPUT)', async () => {
    const model = linear();
    await expect(featurePermutation().explain(model, randomInputs(1, [6]))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    model.dispose();
  });
});
