import type { Explanation, Model } from '@glassbox/core';
import { insertionMetric, type FlipCurveOptions, type FlipCurveResult } from './flipCurve';
import type { MetricRunOptions } from './Metric';
import { runMetric } from './runMetric';

/**
 * Insertion curve (Petsiuk et al. 2018): start from an input of all `baseline` values and restore
 * the features in order of attribution, most important first, recording the target output after
 * each step. A faithful explanation makes the output rise fast: a high area under the curve.
 *
 * @example
 * ```ts
 * const r = await insertion(explanation, model, { steps: 20, baseline: 0 });
 * r.score; // mean area over the batch
 * ```
 */
export function insertion(explanation: Explanation, model: Model, options: Partial<FlipCurveOptions> & MetricRunOptions = {}): Promise<FlipCurveResult> {
  return runMetric(insertionMetric, explanation, model, options as Record<string, unknown>);
}
