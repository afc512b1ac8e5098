import { describe, expect, it } from 'vitest';
import { createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { agreement } from './agreement';
import { gradientExplainer, gradientTimesInput, inputExplainer, linearModel } from './testFixtures';

describe('agreement between methods', () => {
  it('on a linear model at x = 1, gradient and gradient × input agree perfectly', async () => {
    const m = linearModel([3, -1, 5, 0.5, 2, -4]);
    const x = [[1, 1, 1, 1, 1, 1]];
    const r = agreement([await gradientExplainer().explain(m, x, { target: 0 }), await gradientTimesInput().explain(m, x, { target: 0 })], { by: 'value' });
    expect(r.methods).toEqual(['test-gradient', 'test-gradient-x-input']);
    expect(r.spearman).toEqual([[1, 1], [1, 1]]);
    expect(r.kendall[0]![1]).toBeCloseTo(1, 12);
    expect(r.topOverlap[0]![1]).toBe(1);
    m.dispose?.();
  });

  it('known rank correlations: signed values versus magnitudes', async () => {
    const m = linearModel([3, -1, 5, 0.5]);
    const x = [[1, 1, 1, 1]];
    const g = await gradientExplainer().explain(m, x, { target: 0 });
    const flipped = { ...g, method: 'flipped', attributions: g.attributions.map((v) => -v) };
    expect(agreement([g, flipped], { by: 'value' }).spearman[0]![1]).toBeCloseTo(-1, 12);
    expect(agreement([g, flipped], { by: 'absolute' }).spearman[0]![1]).toBeCloseTo(1, 12);
    // Magnitudes [3, 1, 5, 0.5] versus the input [1, 1, 1, 1] (constant: no ranking) → 0.
    const input = await inputExplainer().explain(m, x, { target: 0 });
    expect(agreement([g, input]).spearman[0]![1]).toBe(0);
    // Two copies of one method are told apart.
    expect(agreement([g, g]).methods).toEqual(['test-gradient#1', 'test-gradient#2']);
    m.dispose?.();
  });

  it('a matrix for three methods on a nonlinear model, with per-example pairs', async () => {
    const m = createTinyMlp({ inputs: 8, outputs: 3, seed: 2 });
    const x = randomInputs(3, [8], 1);
    const es = [await gradientExplainer().explain(m, x), await gradientTimesInput().explain(m, x), await inputExplainer().explain(m, x)];
    const r = agreement(es, { topFraction: 0.25 });
    expect(r.spearman.length).toBe(3);
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([['test-gradient', 'test-gradient-x-input'], ['test-gradient', 'test-input'], ['test-gradient-x-input', 'test-input']]);
    expect(r.topK).toBe(2);
    for (const p of r.pairs) expect(p.spearman.length).toBe(3);
    expect(r.spearman[1]![0]).toBe(r.spearman[0]![1]);
    expect(r.score).toBeCloseTo((r.spearman[0]![1]! + r.spearman[0]![2]! + r.spearman[1]![2]!) / 3, 12);
    m.dispose?.();
  });

  it('refuses explanations of different inputs or targets, and a single explanation', async () => {
    const m = linearModel([1, 2, 3]);
    const a = await gradientExplainer().explain(m, [[1, 2, 3]], { target: 0 });
    const b = await gradientExplainer().explain(m, [[1, 2, 4]], { target: 0 });
    const c = await gradientExplainer().explain(m, [[1, 2, 3]], { target: 1 });
    expect(() => agreement([a, b])).toThrow(/inputs differ/);
    expect(() => agreement([a, c])).toThrow(/targets differ/);
    expect(() => agreement([a])).toThrow(/at least two explanations/);
    expect(() => agreement([a, a], { topFraction: 2 })).toThrow(/Option "topFraction"/);
    m.dispose?.();
  });
});
