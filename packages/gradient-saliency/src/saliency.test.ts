import { describe, it, expect, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients, fromFunction } from '@glassbox/core';
import { captumReference, explainerConformance, createTinyMlp, peerAgreement, randomInputs, trackTensors } from '@glassbox/core/testing';
import { saliency } from './saliency';

describe('saliency: conformance on the tiny MLP', () => {
  for (const abs of [true, false]) {
    for (const c of explainerConformance({ explainer: saliency({ abs }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(`abs=${abs}: ${c.name}`, c.run);
  }
});

const ref = await captumReference();
const captumVariants = await ref.variants(new URL('../fixtures/captum/saliency.json', import.meta.url));

describe('saliency agrees with Captum', () => {
  const model = ref.model();
  afterAll(async () => (await model).dispose?.());
  for (const v of captumVariants) {
    it(`${v.id}: per example max|got − ref| ≤ 1e-4·max|ref| + 1e-7`, async () => {
      const e = await saliency({ abs: v.params.abs as boolean }).explain(await model, ref.inputs, { target: ref.targets });
      expect(e.attributionShape).toEqual([5, 20]);
      expect(peerAgreement(e.attributions, v.attributions).ratio).toBeLessThanOrEqual(1);
    });
  }

  it('numeric targets: the outputs come from the gradient pass itself (no second forward pass) and match PyTorch', async () => {
    const m = await model;
    let predicts = 0;
    const counted = { ...m, predict: (x: tf.Tensor) => (predicts++, m.predict(x)) };
    const e = await saliency().explain(counted, ref.inputs, { target: ref.targets });
    expect(predicts).toBe(0);
    // The reference's float64 outputs agree with tfjs float32 to 2.1e-6 (reference README).
    Array.from(e.outputs).forEach((v, i) => expect(Math.abs(v - ref.outputs.flat()[i]!)).toBeLessThan(1e-5));
  });
});

describe('saliency on known functions', () => {
  it('is the analytic gradient of a quadratic, signed or absolute', async () => {
    const a = tf.tensor1d([1, -2, 3]);
    const model = fromFunction((x) => tf.sum(tf.mul(a, tf.square(x)), 1, true), { inputShape: [3], outputShape: [1] });
    const x = [[0.5, 0.25, -1], [-1, 2, 0.1]];
    const signed = await saliency({ abs: false }).explain(model, x, { target: 0 });
    const expected = x.flatMap((r) => r.map((v, j) => 2 * [1, -2, 3][j]! * v));
    expected.forEach((g, i) => expect(signed.attributions[i]).toBeCloseTo(g, 5));
    const abs = await saliency().explain(model, x, { target: 0 });
    expected.forEach((g, i) => expect(abs.attributions[i]).toBeCloseTo(Math.abs(g), 5));
    a.dispose();
  });

  it('gives the same result whatever the chunking (tiny memory budget → one example per chunk)', async () => {
    const model = createTinyMlp({ seed: 4 });
    const x = randomInputs(5, [6], 2);
    const whole = await saliency({ abs: false }).explain(model, x, { target: 2 });
    const stages: number[] = [];
    const chunked = await saliency({ abs: false }).explain(model, x, { target: 2, memoryBudgetBytes: 2000, onProgress: (p) => stages.push(p.done) });
    expect(chunked.diagnostics.chunkSize).toBeLessThan(5);
    expect(stages.length).toBeGreaterThan(1);
    expect(Array.from(chunked.attributions)).toEqual(Array.from(whole.attributions));
    model.dispose!();
  });

  it('a budget smaller than one example runs one example per chunk, without leaks', async () => {
    await ensureGradients();
    const model = createTinyMlp();
    const x = randomInputs(3, [6]);
    const whole = await saliency().explain(model, x);
    const r = await trackTensors(() => saliency().explain(model, x, { memoryBudgetBytes: 8 }));
    expect(r.error).toBeUndefined();
    expect(r.leaked).toBe(0);
    expect(r.value!.diagnostics.chunkSize).toBe(1);
    expect(Array.from(r.value!.attributions)).toEqual(Array.from(whole.attributions));
    model.dispose!();
  });

  it('refuses a bad abs option with INVALID_OPTION', async () => {
    const model = createTinyMlp();
    await expect(saliency().explain(model, randomInputs(2, [6]), { options: { abs: 'maybe' as never } })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expect(() => saliency({ abs: 3 as never })).toThrow(/true or false/);
    model.dispose!();
  });
});
