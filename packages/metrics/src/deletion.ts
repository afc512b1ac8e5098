import type { Explanation, Model } from '@glassbox/core';
import { deletionMetric, type FlipCurveOptions, type FlipCurveResult } from './flipCurve';
import type { MetricRunOptions } from './Metric';
import { runMetric } from './runMetric';

/**
 * Deletion curve (Samek et al. 2017 "pixel flipping"; Petsiuk et al. 2018): set the features to
 * `baseline` in order of attribution, most important first, and record the target output after
 * each step. A faithful explanation makes the output fall fast: a low area under the curve.
 * All curve points of all examples are scored in batched model calls.
 *
 * @example
 * ```ts
 * const r = await deletion(explanation, model, { steps: 20, baseline: 0, unit: 'pixel' });
 * r.curves[0]; // target probability after removing 0 %, 5 %, … 100 % of the pixels
 * r.auc[0];    // area under that curve
 * ```
 */
export function deletion(explanation: Explanation, model: Model, options: Partial<FlipCurveOptions> & MetricRunOptions = {}): Promise<FlipCurveResult> {
  return runMetric(deletionMetric, explanation, model, options as Record<string, unknown>);
}
