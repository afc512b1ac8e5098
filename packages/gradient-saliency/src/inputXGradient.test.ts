import { describe, it, expect, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { captumReference, explainerConformance, createTinyMlp, peerAgreement, randomInputs } from '@glassbox/core/testing';
import { inputXGradient } from './inputXGradient';

describe('input-x-gradient: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: inputXGradient(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
});

const ref = await captumReference();
const captumVariants = await ref.variants(new URL('../fixtures/captum/input_x_gradient.json', import.meta.url));

describe('input-x-gradient agrees with Captum', () => {
  const model = ref.model();
  afterAll(async () => (await model).dispose?.());
  for (const v of captumVariants) {
    it(`${v.id}: per example max|got − ref| ≤ 1e-4·max|ref| + 1e-7`, async () => {
      const e = await inputXGradient().explain(await model, ref.inputs, { target: ref.targets });
      expect(peerAgreement(e.attributions, v.attributions).ratio).toBeLessThanOrEqual(1);
    });
  }
});

describe('input-x-gradient on a linear model', () => {
  it('is each feature’s exact contribution w·x, summing to f(x) − f(0)', async () => {
    const w = tf.tensor2d([[0.5, -1], [2, 0.25], [-3, 1]]);
    const b = tf.tensor1d([0.1, -0.2]);
    const model = fromFunction((x) => tf.add(tf.matMul(x as tf.Tensor2D, w), b), { inputShape: [3], outputShape: [2] });
    const x = [[1, 2, 3], [-0.5, 0.5, 2]];
    const targets = [0, 1];
    const e = await inputXGradient().explain(model, x, { target: targets });
    const W = [[0.5, -1], [2, 0.25], [-3, 1]];
    expect(Array.from(e.attributions)).toEqual(x.flatMap((r, i) => r.map((v, j) => expect.closeTo(W[j]![targets[i]!]! * v, 6))));
    const row0 = Array.from(e.attributions.subarray(0, 3)).reduce((s, v) => s + v, 0);
    expect(row0).toBeCloseTo(0.5 * 1 + 2 * 2 - 3 * 3, 5);
    tf.dispose([w, b]);
  });
});
