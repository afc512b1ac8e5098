import type { Explanation, Model } from '@glassbox/core';
import { kernelShap, type KernelShapData } from '@glassbox/perturbation';
import type { CsvTable } from '@glassbox/surrogate-tree';
import { rowsOf } from './rowsOf';

/** KernelSHAP of some rows, with the base value and the worst additivity error. */
export interface TabularShap {
  explanation: Explanation<'attribution', KernelShapData>;
  data: KernelShapData;
  /** E[f] over the background rows. */
  baseValue: number;
  /** Largest |Σ SHAP − (f(x) − E[f])| over the rows. */
  maxAdditivityError: number;
}

/**
 * KernelSHAP (seed 1) of the model's output `target` for rows `rows` of `table`, with the rows
 * `background` as the reference; `featureMask` groups columns into players (each column one when left out).
 */
export async function tabularKernelShap(
  model: Model,
  table: CsvTable,
  rows: readonly number[],
  background: readonly number[],
  options: { target: number; samples: number; featureMask?: number[] },
): Promise<TabularShap> {
  const { target, samples, featureMask } = options;
  const p = table.shape[1];
  const explanation = await kernelShap({
    samples,
    ...(featureMask === undefined ? {} : { featureMask: { values: featureMask, shape: [p] } }),
    background: { values: Array.from(rowsOf(table, background)), shape: [background.length, p] },
  }).explain(model, { values: rowsOf(table, rows), shape: [rows.length, p] }, { target, seed: 1 });
  const data = explanation.data!;
  return {
    explanation,
    data,
    baseValue: data.expectedValue[0]!,
    maxAdditivityError: Math.max(...explanation.convergenceDelta!.map(Math.abs)),
  };
}
