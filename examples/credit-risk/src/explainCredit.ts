import { InvalidInputError } from '@glassbox/core';
import { surrogateTreeLocal, toRenderTree, type LocalSurrogate } from '@glassbox/surrogate-tree';
import { renderTreeSvg } from '@glassbox/viz';
import { fitGlobalSurrogate, rowIntegratedGradients, rowsOf, type FeatureAttribution, type GlobalSurrogateReport } from '@glassbox-examples/tabular';
import { CLASS_NAMES, CREDIT_RISK } from './applicants';

/** One feature's share of an applicant's integrated-gradients explanation (the baseline: the average training applicant). */
export type { FeatureAttribution };

/** Everything the demo shows. */
export interface CreditReport extends GlobalSurrogateReport {
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
  const { report, labels, meta } = await fitGlobalSurrogate(CREDIT_RISK, maxDepth, { modelTitle: 'the credit model', rowsName: 'applicants' });
  const { model, table, surrogate } = report;
  const { train, test } = report.split;
  const p = table.shape[1];
  const out = surrogate.outputs;
  const index = test.find((i) => out[i * 2 + BAD]! >= 0.5);
  if (index === undefined) throw new InvalidInputError('The model rejects none of the held-out applicants', { heldOutRows: test.length });
  const pBad = out[index * 2 + BAD]!;
  const ig = await rowIntegratedGradients(model, table, index, { target: BAD, baseline: meta.scaler.mean, probability: pBad });
  const local = await surrogateTreeLocal({ background: { values: rowsOf(table, train), shape: [train.length, p] }, maxDepth: 3 }).explain(model, [ig.x], {
    target: BAD,
  });
  const instance = local.data!.instances[0]!;
  const localSvg = renderTreeSvg(toRenderTree(instance.tree), {
    title: `Local surrogate around the applicant on line ${table.lines[index]}: fidelity ${(instance.fidelity * 100).toFixed(1)}% on held-out neighbours`,
  });
  return {
    ...report,
    applicant: {
      index,
      line: table.lines[index]!,
      outcome: CLASS_NAMES[labels[index]!]!,
      pBad,
      pBadAtBaseline: ig.probabilityAtBaseline,
      attributions: ig.attributions,
      convergenceDelta: ig.convergenceDelta,
      local: instance,
      localSvg,
    },
  };
}
