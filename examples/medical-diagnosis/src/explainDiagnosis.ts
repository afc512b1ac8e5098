import { InvalidInputError } from '@glassbox/core';
import { fitGlobalSurrogate, rowIntegratedGradients, type FeatureAttribution, type GlobalSurrogateReport } from '@glassbox-examples/tabular';
import { CLASS_NAMES, MEDICAL_DIAGNOSIS } from './patients';

/** One feature's share of a patient's integrated-gradients explanation (the baseline: the average training patient). */
export type { FeatureAttribution };

/** Everything the demo shows. */
export interface DiagnosisReport extends GlobalSurrogateReport {
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

const MALIGNANT = CLASS_NAMES.indexOf('malignant');

/**
 * Loads the committed model and the patients CSV, fits a global surrogate tree of depth
 * `maxDepth` to the model's diagnoses, and explains one held-out malignant patient with integrated
 * gradients from the average training patient. Dispose `report.model` when done.
 */
export async function explainDiagnosis(maxDepth = 3): Promise<DiagnosisReport> {
  const { report, labels, meta } = await fitGlobalSurrogate(MEDICAL_DIAGNOSIS, maxDepth, { modelTitle: 'the diagnosis model', rowsName: 'patients' });
  const { model, table, surrogate } = report;
  const { test } = report.split;
  // The first held-out patient with a malignant diagnosis.
  const index = test.find((i) => labels[i] === MALIGNANT);
  if (index === undefined) throw new InvalidInputError('No held-out patient has a malignant diagnosis', { heldOutRows: test.length });
  const pMalignant = surrogate.outputs[index * 2 + MALIGNANT]!;
  const ig = await rowIntegratedGradients(model, table, index, { target: MALIGNANT, baseline: meta.scaler.mean, probability: pMalignant });
  return {
    ...report,
    patient: {
      index,
      line: table.lines[index]!,
      diagnosis: CLASS_NAMES[labels[index]!]!,
      pMalignant,
      pMalignantAtBaseline: ig.probabilityAtBaseline,
      attributions: ig.attributions,
      convergenceDelta: ig.convergenceDelta,
    },
  };
}
