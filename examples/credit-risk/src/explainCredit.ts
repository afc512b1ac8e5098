import { readFile } from 'node:fs/promises';
import { useBackend, type Explanation, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { integratedGradients } from '@glassbox/integrated-gradients';
import {
  checkCsvColumns,
  surrogateTree,
  surrogateTreeLocal,
  toRenderTree,
  type CsvTable,
  type LocalSurrogate,
  type SurrogateTreeData,
} from '@glassbox/surrogate-tree';
import { renderTreeSvg } from '@glassbox/viz';
import { CLASS_NAMES, DATA_CSV, MODEL_JSON, SPLIT_SEED, loadApplicants, rowsOf, stratifiedSplit } from './applicants';

/** One feature's share of an applicant's integrated-gradients explanation. */
export interface FeatureAttribution {
  feature: string;
  value: number;
  /** The baseline's value (the average training applicant). */
  baseline: number;
  attribution: number;
}

/** Everything the demo shows. */
export interface CreditReport {
  model: Model;
  table: CsvTable;
  heldOutAccuracy: number;
  surrogate: Explanation<'surrogate', SurrogateTreeData>;
  svg: string;
  applicant: {
    index: number;
    line: number;
    /** The recorded outcome in the data. */
    outcome: string;
    pBad: number;
    pBadAtBaseline: number;
    attributions: FeatureAttribution[];
    convergenceDelta: number;
    local: LocalSurrogate;
    localSvg: string;
  };
}

const BAD = CLASS_NAMES.indexOf('bad');

/**
 * Loads the committed model and the applicants CSV, fits a global surrogate tree of depth
 * `maxDepth` to the model's decisions, and explains the first held-out applicant the model rejects
 * with integrated gradients (from the average training applicant) and with a local surrogate tree
 * (perturbations drawn against the training applicants). Dispose `report.model` when done.
 */
export async function explainCredit(maxDepth = 3): Promise<CreditReport> {
  await useBackend('cpu');
  const model = await loadModel(MODEL_JSON);
  const { table, labels } = await loadApplicants();
  checkCsvColumns(table, model, { file: DATA_CSV });
  const meta = JSON.parse(await readFile(MODEL_JSON, 'utf8')).userDefinedMetadata.glassbox;
  const surrogate = await surrogateTree({ maxDepth }).explain(model, table);
  const svg = renderTreeSvg(toRenderTree(surrogate.data!.tree), {
    title: `Surrogate of the credit model (depth ${maxDepth}): fidelity ${(surrogate.data!.fidelity * 100).toFixed(1)}% on held-out applicants`,
  });
  const { train, test } = stratifiedSplit(labels, 0.2, SPLIT_SEED);
  const p = table.shape[1];
  const out = surrogate.outputs;
  const index = test.find((i) => out[i * 2 + BAD] >= 0.5)!;
  const x = Array.from(table.values.subarray(index * p, (index + 1) * p));
  const mean: number[] = meta.scaler.mean;
  const ig = await integratedGradients({ steps: 128 }).explain(model, [x], {
    target: BAD,
    options: { baseline: { kind: 'values', values: mean, shape: [p] } },
  });
  const attributions = table.header
    .map((feature, j) => ({ feature, value: x[j], baseline: mean[j], attribution: ig.attributions[j] }))
    .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
  const total = attributions.reduce((a, f) => a + f.attribution, 0);
  const local = await surrogateTreeLocal({ background: { values: rowsOf(table, train), shape: [train.length, p] }, maxDepth: 3 }).explain(model, [x], {
    target: BAD,
  });
  const instance = local.data!.instances[0];
  const localSvg = renderTreeSvg(toRenderTree(instance.tree), {
    title: `Local surrogate around the applicant on line ${table.lines[index]}: fidelity ${(instance.fidelity * 100).toFixed(1)}% on held-out neighbours`,
  });
  const pBad = out[index * 2 + BAD];
  return {
    model,
    table,
    heldOutAccuracy: meta.training.heldOutAccuracy,
    surrogate,
    svg,
    applicant: {
      index,
      line: table.lines[index],
      outcome: CLASS_NAMES[labels[index]],
      pBad,
      pBadAtBaseline: pBad - total + (ig.convergenceDelta?.[0] ?? 0),
      attributions,
      convergenceDelta: ig.convergenceDelta?.[0] ?? NaN,
      local: instance,
      localSvg,
    },
  };
}
