import { readFile } from 'node:fs/promises';
import { useBackend, type Explanation, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { checkCsvColumns, surrogateTree, toRenderTree, type CsvTable, type SurrogateTreeData } from '@glassbox/surrogate-tree';
import { renderTreeSvg } from '@glassbox/viz';
import { CLASS_NAMES, DATA_CSV, MODEL_JSON, SPLIT_SEED, loadPatients, stratifiedSplit } from './patients';

/** One feature's share of a patient's integrated-gradients explanation. */
export interface FeatureAttribution {
  feature: string;
  value: number;
  /** The baseline's value (the average training patient). */
  baseline: number;
  attribution: number;
}

/** Everything the demo shows. */
export interface DiagnosisReport {
  model: Model;
  table: CsvTable;
  heldOutAccuracy: number;
  surrogate: Explanation<'surrogate', SurrogateTreeData>;
  svg: string;
  patient: {
    index: number;
    line: number;
    diagnosis: string;
    pMalignant: number;
    pMalignantAtBaseline: number;
    attributions: FeatureAttribution[];
    convergenceDelta: number;
  };
}

/**
 * Loads the committed model and the patients CSV, fits a global surrogate tree of depth
 * `maxDepth` to the model's diagnoses, and explains one held-out malignant patient with integrated
 * gradients from the average training patient. Dispose `report.model` when done.
 */
export async function explainDiagnosis(maxDepth = 3): Promise<DiagnosisReport> {
  await useBackend('cpu');
  const model = await loadModel(MODEL_JSON);
  const { table, labels } = await loadPatients();
  checkCsvColumns(table, model, { file: DATA_CSV });
  const meta = JSON.parse(await readFile(MODEL_JSON, 'utf8')).userDefinedMetadata.glassbox;
  const surrogate = await surrogateTree({ maxDepth }).explain(model, table);
  const svg = renderTreeSvg(toRenderTree(surrogate.data!.tree), {
    title: `Surrogate of the diagnosis model (depth ${maxDepth}): fidelity ${(surrogate.data!.fidelity * 100).toFixed(1)}% on held-out patients`,
  });
  // The first held-out patient with a malignant diagnosis.
  const { test } = stratifiedSplit(labels, 0.2, SPLIT_SEED);
  const index = test.find((i) => labels[i] === 1)!;
  const p = table.shape[1];
  const x = Array.from(table.values.subarray(index * p, (index + 1) * p));
  const mean: number[] = meta.scaler.mean;
  const ig = await integratedGradients({ steps: 128 }).explain(model, [x], {
    target: CLASS_NAMES.indexOf('malignant'),
    options: { baseline: { kind: 'values', values: mean, shape: [p] } },
  });
  const out = surrogate.outputs;
  const attributions = table.header
    .map((feature, j) => ({ feature, value: x[j], baseline: mean[j], attribution: ig.attributions[j] }))
    .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
  const total = attributions.reduce((a, f) => a + f.attribution, 0);
  const pMalignant = out[index * 2 + 1];
  return {
    model,
    table,
    heldOutAccuracy: meta.training.heldOutAccuracy,
    surrogate,
    svg,
    patient: {
      index,
      line: table.lines[index],
      diagnosis: CLASS_NAMES[labels[index]],
      pMalignant,
      pMalignantAtBaseline: pMalignant - total + (ig.convergenceDelta?.[0] ?? 0),
      attributions,
      convergenceDelta: ig.convergenceDelta?.[0] ?? NaN,
    },
  };
}
