import type { Model } from '@glassbox/core';
import type { CsvTable } from '@glassbox/surrogate-tree';
import { renderBeeswarmSvg, renderShapBarSvg } from '@glassbox/viz';
import { tabularKernelShap } from '@glassbox-examples/tabular';
import { CLASS_NAMES } from './patients';

/** SHAP values of P(malignant) for some patients, with a force picture and a beeswarm. */
export interface DiagnosisShap {
  /** `[patients][features]` SHAP values. */
  values: number[][];
  /** E[P(malignant)] over the background patients. */
  baseValue: number;
  /** Largest |Σ SHAP − (P(malignant) − E[P(malignant)])| over the patients. */
  maxAdditivityError: number;
  forceSvg: string;
  beeswarmSvg: string;
}

const MALIGNANT = CLASS_NAMES.indexOf('malignant');

/**
 * KernelSHAP for P(malignant) of the patients `rows` (each of the 30 measurements a player) with
 * `background` training patients as the reference; a force/waterfall picture for the first patient
 * and a beeswarm over all (colour: the measurement's value).
 */
export async function shapDiagnosis(model: Model, table: CsvTable, rows: readonly number[], background: readonly number[], samples = 512): Promise<DiagnosisShap> {
  const p = table.shape[1];
  const { data, baseValue, maxAdditivityError } = await tabularKernelShap(model, table, rows, background, { target: MALIGNANT, samples });
  const values = data.groupValues;
  const featureValues = rows.map((r) => Array.from(table.values.subarray(r * p, (r + 1) * p)));
  return {
    values,
    baseValue,
    maxAdditivityError,
    forceSvg: renderShapBarSvg({
      features: table.header,
      values: values[0]!,
      featureValues: featureValues[0]!,
      baseValue,
      title: `Why P(malignant) = ${(baseValue + values[0]!.reduce((a, b) => a + b, 0)).toFixed(3)} for the patient on line ${table.lines[rows[0]!]} (KernelSHAP)`,
    }),
    beeswarmSvg: renderBeeswarmSvg({
      features: table.header,
      values,
      featureValues,
      title: `SHAP values of P(malignant) over ${rows.length} held-out patients (base value ${baseValue.toFixed(3)})`,
    }),
  };
}
