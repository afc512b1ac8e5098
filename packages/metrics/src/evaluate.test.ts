import { describe, expect, it } from 'vitest';
import { explanationFromJSON, explanationToJSON } from '@glassbox/core';
import { evaluate, METRICS } from './evaluate';
import type { FlipCurveResult } from './flipCurve';
import { gradientExplainer, gradientTimesInput, linearModel } from './testFixtures';

const w = [3, -1, 5, 0.5, 2, -4];
const x = [[1, 1, 1, 1, 1, 1], [2, -1, 0.5, 1, 0, 1]];

describe('evaluate (the function behind `glassbox evaluate`)', () => {
  it('computes the chosen metrics, with CLI-string options, into explanation.metrics', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, x, { target: 0 });
    const report = await evaluate(e, m, {
      metrics: ['completeness', 'deletion', 'insertion', 'infidelity', 'max-sensitivity'],
      explainer: gradientTimesInput(),
      options: { deletion: { steps: '6' }, infidelity: { samples: '20', normalize: 'true' } },
      seed: 1,
    });
    expect(Object.keys(report.results)).toEqual(['completeness', 'deletion', 'insertion', 'infidelity', 'max-sensitivity']);
    expect(report.results.completeness!.score).toBeLessThan(1e-6);
    expect((report.results.deletion as FlipCurveResult).curves[0]).toEqual([6.5, 1.5, -1.5, -3.5, -4, -3, 1]);
    expect(report.explanation.metrics.deletion).toBe(report.results.deletion);
    expect(report.errors).toEqual([]);
    // The report survives the explanation's JSON round trip (what the CLI writes).
    const back = explanationFromJSON(JSON.parse(JSON.stringify(explanationToJSON(report.explanation))));
    expect(back.metrics).toEqual(JSON.parse(JSON.stringify(report.results)));
    m.dispose?.();
  });

  it('refuses unknown metrics, bad options and missing explainers before doing any work', async () => {
    const m = linearModel(w, 1);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    await expect(evaluate(e, m, { metrics: ['deletion', 'faithfulness'] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'Unknown metric "faithfulness"; known metrics: completeness, deletion, insertion, infidelity, max-sensitivity, randomization',
    });
    await expect(evaluate(e, m, { metrics: ['deletion'], options: { deletion: { steps: 0 } } })).rejects.toThrow(/Option "steps" of metric "deletion": expected an integer ≥ 1/);
    await expect(evaluate(e, m, { metrics: ['deletion'], options: { insertion: {} } })).rejects.toThrow(/not among the chosen metrics/);
    await expect(evaluate(e, m, { metrics: ['max-sensitivity'] })).rejects.toThrow(/re-explains: pass the explainer that produced the explanation \("test-gradient"\)/);
    m.dispose?.();
  });

  it('continueOnError records a metric that does not apply and computes the rest', async () => {
    const m = linearModel(w, 1);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    const report = await evaluate(e, m, { metrics: ['completeness', 'deletion'], continueOnError: true });
    expect(report.errors).toEqual([{ metric: 'completeness', code: 'INVALID_INPUT', message: expect.stringContaining('convergence delta') }]);
    expect(report.results.deletion!.perExample.length).toBe(2);
  });

  it('lists every metric with its options for the CLI', () => {
    expect(METRICS.map((m) => m.name)).toEqual(['completeness', 'deletion', 'insertion', 'infidelity', 'max-sensitivity', 'randomization']);
    for (const m of METRICS) for (const spec of Object.values(m.options as Record<string, { description: string }>)) expect(spec.description).toBeTruthy();
  });
});
