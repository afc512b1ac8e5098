import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { explanationFromJSON, explanationToJSON, fromBatchFunction, type Model } from '@glassbox/core';
import { createTinyMlp, explainerConformance, randomInputs, trackTensors } from '@glassbox/core/testing';
import { surrogateTree } from './surrogateTree';
import { blackBoxMlp } from './blackBoxMlp';
import { parseCsv } from '@glassbox/core';
import { checkCsvColumns } from '@glassbox/core';
import { predictTree } from '../tree/predictTree';
import { toRenderTree } from '../render/toRenderTree';

const csv = readFileSync(fileURLToPath(new URL('../../../../examples/medical-diagnosis/data/breast_cancer.csv', import.meta.url)), 'utf8');
const cancer = parseCsv(csv, { labelColumn: 'diagnosis' });
const col = (name: string) => cancer.header.indexOf(name);

/**
 * A black-box "model" that is a known rule on real features: malignant when worst_radius > 16.8,
 * or when worst_concave_points > 0.14 and worst_texture > 25. Outputs [P(benign), P(malignant)].
 */
const ruleModel = (): Model =>
  fromBatchFunction(
    async (x, n) => {
      const out = new Float32Array(n * 2);
      const p = cancer.header.length;
      for (let i = 0; i < n; i++) {
        const r = (name: string) => x[i * p + col(name)]!;
        const malignant = r('worst_radius') > 16.8 || (r('worst_concave_points') > 0.14 && r('worst_texture') > 25);
        out[i * 2 + (malignant ? 1 : 0)] = 0.9;
        out[i * 2 + (malignant ? 0 : 1)] = 0.1;
      }
      return out;
    },
    { inputShape: [30], outputShape: [2], name: 'rule', featureNames: cancer.header, classNames: ['benign', 'malignant'] },
  );

describe('surrogate-tree: conformance', () => {
  const expectedShape = (s: number[]) => [1, ...s.slice(1)];
  describe('on a differentiable MLP', () => {
    for (const c of explainerConformance({ explainer: surrogateTree(), model: () => createTinyMlp(), inputs: () => randomInputs(12, [6]), expectedShape })) {
      it(c.name, c.run);
    }
  });
  describe('on a black-box batch function, with perturbed rows', () => {
    const blackBox = () => blackBoxMlp({ seed: 4 });
    const checks = explainerConformance({
      explainer: surrogateTree({ augment: 3 }),
      model: blackBox,
      inputs: () => randomInputs(12, [6], 5),
      expectedShape,
      call: { memoryBudgetBytes: 4096 },
    });
    for (const c of checks) it(c.name, c.run);
  });
});

describe('surrogate-tree on real data (breast cancer) with a known-rule black box', () => {
  it('recovers the rule: fidelity 1 at depth 3, the rule features, thresholds in the right data gaps', async () => {
    const e = await surrogateTree({ maxDepth: 3, minSamplesLeaf: 1 }).explain(ruleModel(), cancer);
    const d = e.data!;
    expect(e.kind).toBe('surrogate');
    expect(e.attributionShape).toEqual([1, 30]);
    expect(d.fidelityMetric).toBe('accuracy');
    expect(d.trainRows + d.heldOutRows).toBe(569);
    expect(d.heldOutRows).toBe(142);
    expect(d.fidelity).toBe(1);
    expect(d.trainFidelity).toBe(1);
    expect(d.majorityFidelity).toBeLessThan(0.75);
    expect(d.tree.nodes[0]).toMatchObject({ feature: col('worst_radius') });
    // The root threshold sits in the data gap around 16.8 (closest training values on either side).
    const radii = Array.from({ length: 569 }, (_, i) => cancer.values[i * 30 + col('worst_radius')]).sort((a, b) => a! - b!);
    const below = radii.filter((v) => v! <= 16.8).pop()!;
    const above = radii.find((v) => v! > 16.8)!;
    expect(d.tree.nodes[0]!.threshold).toBeGreaterThanOrEqual(below);
    expect(d.tree.nodes[0]!.threshold).toBeLessThan(above);
    expect(d.importances.slice(0, 3).map((f) => f.feature).sort()).toEqual(['worst_concave_points', 'worst_radius', 'worst_texture']);
    expect(d.rulesText).toMatch(/^if worst_radius > [\d.]+ then malignant \(n = \d+, 100% agree\)$/m);
    expect(Array.from(e.attributions).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('fidelity is measured against the model, not the truth', async () => {
    const truth = cancer.labels!.map((l) => (l === 'malignant' ? 1 : 0));
    const e = await surrogateTree({ maxDepth: 3, minSamplesLeaf: 1 }).explain(ruleModel(), cancer);
    const predicted = predictTree(e.data!.tree, cancer);
    const agreeWithTruth = predicted.reduce((a, v, i) => a + (v === truth[i] ? 1 : 0), 0) / 569;
    expect(agreeWithTruth).toBeLessThan(0.97); // the rule model is not the truth …
    expect(e.data!.fidelity).toBe(1); // … and the tree mimics the model exactly
  });

  it('is honest when the tree is too small: depth 1 cannot express the rule', async () => {
    const e = await surrogateTree({ maxDepth: 1 }).explain(ruleModel(), cancer);
    expect(e.data!.leaves).toBe(2);
    expect(e.data!.fidelity).toBeLessThan(1);
    expect(e.data!.fidelity).toBeGreaterThan(0.85);
  });

  it('regression mimics one output and reports R²', async () => {
    const e = await surrogateTree({ maxDepth: 3, task: 'regression', minSamplesLeaf: 1 }).explain(ruleModel(), cancer, { target: 1 });
    expect(e.data).toMatchObject({ fidelityMetric: 'r2', output: 1, fidelity: 1 });
    expect(e.data!.tree.targetName).toBe('P(malignant)');
    expect(e.data!.rulesText).toMatch(/then P\(malignant\) = 0\.9 \(n = \d+, sd 0\)/);
    await expect(surrogateTree({ task: 'regression' }).explain(ruleModel(), cancer)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('pass one target for all rows'),
    });
  });

  it('perturbed rows are added to the training set only, labelled by the model', async () => {
    let queried = 0;
    const base = ruleModel();
    const counting: Model = { ...base, predict: async (x) => ((queried += x.shape[0]), base.predict(x)) };
    const e = await surrogateTree({ maxDepth: 3, augment: 2 }).explain(counting, cancer);
    expect(e.data!.syntheticRows).toBe(2 * e.data!.trainRows);
    expect(queried).toBe(569 + 2 * e.data!.trainRows);
    expect(e.data!.tree.nodes[0]!.samples).toBe(3 * e.data!.trainRows);
    expect(e.data!.heldOutRows).toBe(142);
  });

  it('is deterministic under a seed, the split changes with it, and the JSON round-trips', async () => {
    const a = await surrogateTree().explain(ruleModel(), cancer, { seed: 1 });
    const b = await surrogateTree().explain(ruleModel(), cancer, { seed: 1 });
    const c = await surrogateTree().explain(ruleModel(), cancer, { seed: 2 });
    expect(JSON.stringify(a.data)).toBe(JSON.stringify(b.data));
    expect(JSON.stringify(a.data!.tree)).not.toBe(JSON.stringify(c.data!.tree));
    const back = explanationFromJSON(JSON.parse(JSON.stringify(explanationToJSON(a))));
    expect(back.data).toEqual(a.data);
  });

  it('refuses bad options and too few rows with typed errors, leaking nothing', async () => {
    const r = await trackTensors(() => surrogateTree().explain(ruleModel(), { values: cancer.values.slice(0, 30), shape: [1, 30] }));
    expect(r.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at least 2 rows') });
    expect(r.leaked).toBe(0);
    await expect(surrogateTree().explain(ruleModel(), cancer, { options: { criterion: 'squared_error' } })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(surrogateTree().explain(ruleModel(), cancer, { options: { maxLeafNodes: 1 } })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(surrogateTree().explain(ruleModel(), cancer, { options: { heldOut: 0 } })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expect(() => surrogateTree({ maxDepth: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    // CLI-style string options with kebab-case keys.
    const e = await surrogateTree().explain(ruleModel(), cancer, { options: { 'max-depth': '2', 'max-leaf-nodes': '3' } });
    expect(e.data!.leaves).toBeLessThanOrEqual(3);
    expect(e.options).toMatchObject({ maxDepth: 2, maxLeafNodes: 3 });
  });

  it('the CLI flow: CSV with the model\'s features → column check → string options → JSON naming `fidelity`', async () => {
    const featuresOnly = csv
      .split('\n')
      .map((line) => line.split(',').slice(0, 30).join(','))
      .join('\n');
    const table = parseCsv(featuresOnly, { file: 'patients.csv' });
    const model = ruleModel();
    checkCsvColumns(table, model, { file: 'patients.csv' });
    const e = await surrogateTree().explain(model, table, { options: { 'max-depth': '3', 'min-samples-leaf': '1', task: 'classification' } });
    const json = JSON.parse(JSON.stringify(explanationToJSON(e)));
    expect(json.method).toBe('surrogate-tree');
    expect(json.data.fidelity).toBe(1);
    expect(json.data.tree.format).toBe('glassbox-decision-tree');
    expect(json.attributions).toHaveLength(1);
    expect(json.attributions[0]).toHaveLength(30);
    expect(json.labels.features).toEqual(cancer.header);
    // The same file with its text label column: refused at the first label, with a hint; read as labels, it fits.
    expect(() => parseCsv(csv, { file: 'patients.csv' })).toThrow(/row 2, column "diagnosis": "malignant" is not a number.*read it as the label column/);
    expect(() => checkCsvColumns(parseCsv(csv, { labelColumn: 'diagnosis' }), model)).not.toThrow();
  });

  it('converts to the nested tree viz draws', async () => {
    const e = await surrogateTree({ maxDepth: 2 }).explain(ruleModel(), cancer);
    const t = toRenderTree(e.data!.tree);
    expect(t).toMatchObject({ feature: 'worst_radius', threshold: e.data!.tree.nodes[0]!.threshold, samples: e.data!.trainRows });
    expect(t.left!.left!.prediction).toMatch(/benign|malignant/);
    expect(Array.isArray(t.value)).toBe(true);
  });
});
