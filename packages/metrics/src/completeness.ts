import { InvalidInputError, type Explanation, type OptionSchema } from '@glassbox/core';
import { batchSize } from './batchSize';
import type { Metric, MetricResult } from './Metric';
import { runMetric } from './runMetric';

/** Options of {@link completeness}. */
export interface CompletenessOptions {
  /** Largest acceptable |Δ| relative to |f(x) − f(baseline)|. */
  tolerance: number;
}

/** Per example: |Δ| / |f(x) − f(baseline)|. `score` is their mean; `ok` when all are within tolerance. */
export interface CompletenessResult extends MetricResult {
  metric: 'completeness';
  /** Δ = Σ attributions − (f(x) − f(baseline)) per example, as the method reported it. */
  delta: number[];
  /** f(x) − f(baseline) per example (Σ attributions − Δ). */
  outputChange: number[];
  maxAbsDelta: number;
  tolerance: number;
  ok: boolean;
}

const schema: OptionSchema<CompletenessOptions> = {
  tolerance: { type: 'number', min: 0, default: 0.05, description: 'Largest acceptable |Δ| / |f(x) − f(baseline)| per example' },
};

/** The completeness metric definition (see {@link completeness}). */
export const completenessMetric: Metric<CompletenessOptions, CompletenessResult> = {
  name: 'completeness',
  description: 'Completeness: how far attributions are from summing to f(x) − f(baseline), for methods that claim it (convergence delta)',
  better: 'lower',
  accepts: ['attribution', 'layer-attribution', 'token-attribution'],
  reexplains: false,
  options: schema,
  async compute(e, _model, { tolerance }) {
    if (!e.convergenceDelta) {
      const post = Array.isArray(e.diagnostics?.postprocessing) ? ' (post-processing steps drop it: measure completeness before them)' : '';
      throw new InvalidInputError(
        `Metric "completeness" needs the convergence delta that methods claiming completeness report (integrated gradients, DeepLIFT …); the "${e.method}" explanation has none${post}`,
        { metric: 'completeness', method: e.method },
      );
    }
    const n = batchSize(e.attributionShape, 'completeness');
    const per = e.attributions.length / n;
    const delta = [...e.convergenceDelta];
    const outputChange = delta.map((d, i) => {
      let sum = 0;
      for (let j = i * per; j < (i + 1) * per; j++) sum += e.attributions[j]!;
      return sum - d;
    });
    // |Δ| relative to the output change; an unchanged output (0) counts |Δ| itself.
    const perExample = delta.map((d, i) => {
      const change = Math.abs(outputChange[i]!); // outputChange is delta mapped: same length
      return change > 1e-12 ? Math.abs(d) / change : Math.abs(d);
    });
    const maxAbsDelta = Math.max(...delta.map(Math.abs));
    return {
      metric: 'completeness',
      score: perExample.reduce((a, b) => a + b, 0) / n,
      perExample,
      better: 'lower',
      delta,
      outputChange,
      maxAbsDelta,
      tolerance,
      ok: perExample.every((r) => r <= tolerance),
    };
  },
};

/**
 * Completeness (Sundararajan et al. 2017): attributions of a complete method sum to
 * f(x) − f(baseline). Reads the convergence delta Δ the method reported and scores each example
 * by |Δ| / |f(x) − f(baseline)|; refuses explanations without one.
 *
 * @example
 * ```ts
 * const e = await integratedGradients({ steps: 64 }).explain(model, x);
 * const r = await completeness(e, { tolerance: 0.01 });
 * r.ok; // every example within 1 %
 * ```
 */
export function completeness(explanation: Explanation, options: Partial<CompletenessOptions> & Record<string, unknown> = {}): Promise<CompletenessResult> {
  return runMetric(completenessMetric, explanation, undefined, options);
}
