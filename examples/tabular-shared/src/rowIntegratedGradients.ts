import type { Model } from '@glassbox/core';
import { integratedGradients } from '@glassbox/integrated-gradients';
import type { CsvTable } from '@glassbox/surrogate-tree';

/** One feature's share of a row's integrated-gradients explanation. */
export interface FeatureAttribution {
  feature: string;
  value: number;
  /** The baseline's value (the average training row). */
  baseline: number;
  attribution: number;
}

/** A row's integrated gradients, largest first, and what they add up to. */
export interface RowIntegratedGradients {
  /** The row's values. */
  x: number[];
  /** Per feature, sorted by |attribution|, largest first. */
  attributions: FeatureAttribution[];
  /** The model's probability of `target` at the baseline, as the attributions account for it. */
  probabilityAtBaseline: number;
  /** Σ attributions − (f(x) − f(baseline)); NaN when the explainer reports none. */
  convergenceDelta: number;
}

/**
 * Integrated gradients (128 steps) of the model's probability of `target` for row `index` of
 * `table`, from `baseline` (the average training row: the scaler's mean). `probability` is the
 * model's output for the row, from which the baseline's probability is read off.
 */
export async function rowIntegratedGradients(
  model: Model,
  table: CsvTable,
  index: number,
  options: { target: number; baseline: number[]; probability: number },
): Promise<RowIntegratedGradients> {
  const { target, baseline, probability } = options;
  const p = table.shape[1];
  const x = Array.from(table.values.subarray(index * p, (index + 1) * p));
  const ig = await integratedGradients({ steps: 128 }).explain(model, [x], {
    target,
    options: { baseline: { kind: 'values', values: baseline, shape: [p] } },
  });
  const attributions = table.header
    .map((feature, j) => ({ feature, value: x[j]!, baseline: baseline[j]!, attribution: ig.attributions[j]! }))
    .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
  const total = attributions.reduce((a, f) => a + f.attribution, 0);
  return {
    x,
    attributions,
    probabilityAtBaseline: probability - total + (ig.convergenceDelta?.[0] ?? 0),
    convergenceDelta: ig.convergenceDelta?.[0] ?? NaN,
  };
}
