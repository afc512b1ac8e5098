import { InvalidOptionError, isGlassboxError, resolveOptions, type Explanation, type Model } from '@glassbox/core';
import type { Metric, MetricResult, MetricRunOptions } from './Metric';
import { runMetric } from './runMetric';
import { completenessMetric } from './completeness';
import { deletionMetric, insertionMetric } from './flipCurve';
import { infidelityMetric } from './infidelity';
import { maxSensitivityMetric } from './maxSensitivity';
import { randomizationMetric } from './randomizationCheck';

/** Every metric {@link evaluate} knows, in a stable order (the CLI lists them from here). */
export const METRICS: readonly Metric<any, MetricResult>[] = [completenessMetric, deletionMetric, insertionMetric, infidelityMetric, maxSensitivityMetric, randomizationMetric];

/** Names accepted by {@link evaluate}'s `metrics`. */
export type MetricName = 'completeness' | 'deletion' | 'insertion' | 'infidelity' | 'max-sensitivity' | 'randomization';

/** Options of {@link evaluate}. */
export interface EvaluateOptions extends MetricRunOptions {
  /** Metrics to compute, in order. */
  metrics: readonly (MetricName | string)[];
  /** Options per metric by name; values may be CLI strings (`{ deletion: { steps: '20' } }`). */
  options?: Partial<Record<MetricName, Record<string, unknown>>>;
  /** Record a failing metric in `errors` and go on, instead of throwing. */
  continueOnError?: boolean;
  /** The metrics to choose from (default {@link METRICS}); the CLI adds those plugins declare. */
  available?: readonly Metric<any, MetricResult>[];
}

/** What {@link evaluate} returns. */
export interface EvaluationReport {
  /** The explanation with every result added to `metrics`. */
  explanation: Explanation;
  results: Record<string, MetricResult>;
  /** Metrics that failed (only with `continueOnError`). */
  errors: { metric: string; code: string; message: string }[];
}

/**
 * Computes several metrics of one explanation: the function behind `glassbox evaluate`. Metrics
 * that re-explain (`max-sensitivity`, `randomization`) need `explainer` — the one that produced the
 * explanation; it is called with the explanation's options and seed. Unknown metric names and
 * invalid options are typed errors (`INVALID_OPTION`) raised before any work.
 *
 * @example
 * ```ts
 * const report = await evaluate(explanation, model, {
 *   metrics: ['deletion', 'infidelity', 'max-sensitivity'],
 *   explainer: integratedGradients(),
 *   options: { deletion: { steps: 20 }, infidelity: { samples: 50 } },
 *   seed: 1,
 * });
 * report.results.deletion.score;
 * ```
 */
export async function evaluate(explanation: Explanation, model: Model, options: EvaluateOptions): Promise<EvaluationReport> {
  const { metrics, options: perMetric = {}, continueOnError = false, available = METRICS, ...run } = options;
  const known = new Map(available.map((m) => [m.name, m]));
  const chosen = metrics.map((name) => {
    const metric = known.get(name);
    if (!metric) throw new InvalidOptionError(`Unknown metric "${name}"; known metrics: ${[...known.keys()].join(', ')}`, { option: 'metrics', received: name, known: [...known.keys()] });
    return metric;
  });
  if (metrics.length === 0) throw new InvalidOptionError(`No metrics chosen; known metrics: ${[...known.keys()].join(', ')}`, { option: 'metrics' });
  for (const name of Object.keys(perMetric)) {
    if (!metrics.includes(name) || !known.has(name)) throw new InvalidOptionError(`Options given for metric "${name}", which is not among the chosen metrics (${metrics.join(', ')})`, { option: name });
  }
  for (const metric of chosen) {
    resolveOptions(metric.options, Object.hasOwn(perMetric, metric.name) ? (perMetric as Record<string, Record<string, unknown>>)[metric.name] : undefined, `metric "${metric.name}"`);
    if (metric.reexplains && !run.explainer && !run.reexplain) {
      throw new InvalidOptionError(`Metric "${metric.name}" re-explains: pass the explainer that produced the explanation ("${explanation.method}")`, { option: 'explainer', metric: metric.name });
    }
  }
  const results: Record<string, MetricResult> = {};
  const errors: EvaluationReport['errors'] = [];
  for (const metric of chosen) {
    try {
      const own = Object.hasOwn(perMetric, metric.name) ? (perMetric as Record<string, Record<string, unknown>>)[metric.name] : undefined;
      results[metric.name] = await runMetric(metric, explanation, model, { ...own, ...run });
    } catch (e) {
      if (!continueOnError || (isGlassboxError(e) && e.code === 'ABORTED')) throw e;
      errors.push({ metric: metric.name, code: isGlassboxError(e) ? e.code : 'ERROR', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { explanation: { ...explanation, metrics: { ...explanation.metrics, ...results } }, results, errors };
}
