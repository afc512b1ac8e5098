import { describe, expect, it } from 'vitest';
import { randomInputs, trackTensors } from '@glassbox/core/testing';
import { randomizationCheck } from './randomizationCheck';
import { gradientExplainer, inputExplainer, layersMlp, linearModel } from './testFixtures';

describe('model-randomisation sanity check (Adebayo et al. 2018)', () => {
  it('gradients decorrelate as layers are randomised from the top; the model is restored afterwards', async () => {
    const m = layersMlp(40, 3, 1);
    const x = randomInputs(6, [40], 2);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    const r = await trackTensors(() => randomizationCheck(e, m, { explainer: gradientExplainer(), seed: 3 }));
    expect(r.leaked).toBe(0);
    const result = r.value!;
    // Dense layers only (the dropout layer has no weights), top first, cascading.
    expect(result.steps.map((s) => s.layers)).toEqual([['dense_3'], ['dense_3', 'dense_2'], ['dense_3', 'dense_2', 'dense_1']]);
    // Each step re-explains with an unrelated top of the network: rank correlations with the original
    // are at noise level for 40 features (|ρ| ≲ 0.3), where an unchanged model would give exactly 1.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    for (const step of result.steps) {
      expect(Math.abs(step.mean)).toBeLessThan(0.3);
      expect(Math.abs(mean(step.spearman))).toBeLessThan(0.3);
    }
    expect(result.score).toBe(result.steps[2]!.mean);
    expect(result.better).toBe('lower');
    const again = await gradientExplainer().explain(m, x, { target: 0 });
    expect(Array.from(again.attributions)).toEqual(Array.from(e.attributions));
    m.dispose?.();
  });

  it('an explanation that ignores the model stays perfectly correlated: the check flags it', async () => {
    const m = layersMlp(12, 3, 4);
    const x = randomInputs(3, [12], 5);
    const e = await inputExplainer().explain(m, x);
    const r = await randomizationCheck(e, m, { explainer: inputExplainer(), seed: 1 });
    for (const step of r.steps) expect(step.spearman).toEqual([1, 1, 1]);
    expect(r.score).toBe(1);
    m.dispose?.();
  });

  it('independent mode randomises one named layer at a time', async () => {
    const m = layersMlp(12, 3, 4);
    const x = randomInputs(2, [12], 5);
    const e = await gradientExplainer().explain(m, x, { target: 1 });
    const r = await randomizationCheck(e, m, { explainer: gradientExplainer(), mode: 'independent', layers: 'dense_1,dense_3' as never, by: 'value' });
    expect(r.steps.map((s) => s.layers)).toEqual([['dense_1'], ['dense_3']]);
    expect(r.perExample[0]).toBeCloseTo((r.steps[0]!.spearman[0]! + r.steps[1]!.spearman[0]!) / 2, 12);
    m.dispose?.();
  });

  it('says what is missing: unknown layers, a model that cannot randomise, no explainer', async () => {
    const m = layersMlp(12, 3, 4);
    const x = randomInputs(2, [12], 5);
    const e = await gradientExplainer().explain(m, x, { target: 1 });
    await expect(randomizationCheck(e, m, { explainer: gradientExplainer(), layers: ['dense_9'] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('no layer named dense_9; layers are dense_1, dense_2, dropout, dense_3'),
    });
    await expect(randomizationCheck(e, m)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const lin = linearModel([1, 2]);
    const el = await gradientExplainer().explain(lin, [[1, 1]]);
    await expect(randomizationCheck(el, lin, { explainer: gradientExplainer() })).rejects.toMatchObject({ code: 'UNSUPPORTED_MODEL', message: expect.stringContaining('cannot randomise') });
    m.dispose?.();
    lin.dispose?.();
  });
});
