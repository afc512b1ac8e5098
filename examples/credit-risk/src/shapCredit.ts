import type { Model } from '@glassbox/core';
import type { CsvTable } from '@glassbox/surrogate-tree';
import { renderBeeswarmSvg, renderShapBarSvg } from '@glassbox/viz';
import { tabularKernelShap } from '@glassbox-examples/tabular';
import { CLASS_NAMES } from './applicants';
import { oneHotAttributes } from './oneHotAttributes';

/** SHAP values of applicants over the original attributes (one-hot columns grouped back). */
export interface CreditShap {
  /** Attribute names (one player per original attribute). */
  attributes: string[];
  /** `[applicants][attributes]` SHAP values for P(bad). */
  values: number[][];
  /** E[P(bad)] over the background applicants. */
  baseValue: number;
  /** Per applicant: the attribute values shown (a number, or the category's index for one-hot attributes). */
  attributeValues: number[][];
  /** Largest |Σ SHAP − (P(bad) − E[P(bad)])| over the applicants. */
  maxAdditivityError: number;
  forceSvg: string;
  beeswarmSvg: string;
}

const BAD = CLASS_NAMES.indexOf('bad');

/**
 * KernelSHAP for P(bad) of the applicants `rows`, with `background` training applicants as the
 * reference and the one-hot columns of each attribute (`Attribute.category`) as one player, so the
 * 61 model inputs become the data set's 20 attributes. Renders a force/waterfall picture for the
 * first applicant and a beeswarm over all of them.
 */
export async function shapCredit(model: Model, table: CsvTable, rows: readonly number[], background: readonly number[], samples = 512): Promise<CreditShap> {
  const p = table.shape[1];
  const { attributes, mask } = oneHotAttributes(table.header);
  const { data, baseValue, maxAdditivityError } = await tabularKernelShap(model, table, rows, background, { target: BAD, samples, featureMask: mask });
  const attributeValues = rows.map((r) =>
    attributes.map((_, g) => {
      const cols = mask.flatMap((m, j) => (m === g ? [j] : []));
      if (cols.length === 1) return table.values[r * p + cols[0]!]!;
      return Math.max(0, cols.findIndex((j) => table.values[r * p + j] === 1));
    }),
  );
  // The first applicant's attributes as text: "Age = 28", or the active category of a one-hot attribute ("Purpose = NewCar").
  const described = attributes.map((name, g) => {
    const cols = mask.flatMap((m, j) => (m === g ? [j] : []));
    const r = rows[0]!;
    if (cols.length === 1) return `${name} = ${table.values[r * p + cols[0]!]}`;
    const on = cols.find((j) => table.values[r * p + j] === 1);
    return `${name} = ${on === undefined ? '(none)' : table.header[on]!.slice(name.length + 1)}`;
  });
  const forceSvg = renderShapBarSvg({
    features: described,
    values: data.groupValues[0]!,
    baseValue,
    title: `Why P(bad) = ${(baseValue + data.groupValues[0]!.reduce((a, b) => a + b, 0)).toFixed(3)} for applicant on line ${table.lines[rows[0]!]} (KernelSHAP, ${data.exact ? 'exact' : `${samples} coalitions`})`,
  });
  const beeswarmSvg = renderBeeswarmSvg({
    features: attributes,
    values: data.groupValues,
    featureValues: attributeValues,
    title: `SHAP values of P(bad) over ${rows.length} held-out applicants (base value ${baseValue.toFixed(3)})`,
  });
  return {
    attributes,
    values: data.groupValues,
    baseValue,
    attributeValues,
    maxAdditivityError,
    forceSvg,
    beeswarmSvg,
  };
}
