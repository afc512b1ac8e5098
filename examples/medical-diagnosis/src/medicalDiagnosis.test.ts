import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { fromBatchFunction } from '@glassbox/core';
import { trackTensors } from '@glassbox/core/testing';
import { checkCsvColumns, parseCsv, surrogateTree } from '@glassbox/surrogate-tree';
import { heldOutAccuracy, readModelMetadata } from '@glassbox-examples/tabular';
import { explainDiagnosis, type DiagnosisReport } from './explainDiagnosis';
import { DATA_CSV, MODEL_JSON, loadPatients } from './patients';

let report: DiagnosisReport;
beforeAll(async () => {
  report = await explainDiagnosis(3);
});
afterAll(() => report?.model.dispose?.());

describe('the committed diagnosis model', () => {
  it('is accurate on the held-out patients and names its features and classes', async () => {
    const { table, labels } = await loadPatients();
    expect(table.shape[1]).toBe(30);
    const accuracy = await heldOutAccuracy(report.model, table, labels, report.split.test);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    const meta = await readModelMetadata(MODEL_JSON);
    expect(meta.training.heldOutAccuracy).toBeCloseTo(accuracy, 10);
    expect(report.model.featureNames).toEqual(table.header);
    expect(report.model.classNames).toEqual(['benign', 'malignant']);
    expect(meta.scaler.mean).toHaveLength(30);
  });
});

describe('global surrogate of the diagnosis model', () => {
  it('mimics the model on held-out patients far better than the majority class', () => {
    const d = report.surrogate.data!;
    expect(d.fidelityMetric).toBe('accuracy');
    expect(d.heldOutRows).toBe(142);
    expect(d.fidelity).toBeGreaterThan(0.88);
    expect(d.fidelity).toBeGreaterThan(d.majorityFidelity! + 0.2);
    expect(d.depth).toBeLessThanOrEqual(3);
    expect(d.rules.reduce((a, r) => a + r.samples, 0)).toBe(d.trainRows);
    for (const r of d.rules) expect(r.text).toMatch(/^if .+ then (benign|malignant) \(n = \d+, [\d.]+% agree\)$/);
    // Size, shape and concavity of the nuclei decide, as in the clinical literature.
    expect(d.importances[0]!.feature).toMatch(/^(worst|mean)_(area|radius|perimeter|concave_points)$/);
  });

  it('draws the tree as SVG', () => {
    expect(report.svg.startsWith('<svg')).toBe(true);
    expect(report.svg).toContain(report.surrogate.data!.importances[0]!.feature);
    expect(report.svg).toContain('malignant');
  });

  it('gives the same tree when the model is a black box', async () => {
    const { table } = await loadPatients();
    const blackBox = fromBatchFunction(
      async (values, n) => {
        const x = tf.tensor2d(values, [n, 30]);
        const y = await report.model.predict(x);
        const out = (await y.data()) as Float32Array;
        tf.dispose([x, y]);
        return out;
      },
      { inputShape: [30], outputShape: [2], featureNames: table.header, classNames: ['benign', 'malignant'] },
    );
    const r = await trackTensors(() => surrogateTree({ maxDepth: 3 }).explain(blackBox, table));
    expect(r.leaked).toBe(0);
    expect(r.value!.data!.tree).toEqual(report.surrogate.data!.tree);
  });
});

describe('integrated gradients for one patient', () => {
  it('attributes the change from the average patient, completely', () => {
    const p = report.patient;
    expect(p.diagnosis).toBe('malignant');
    expect(p.attributions).toHaveLength(30);
    expect(Math.abs(p.convergenceDelta)).toBeLessThan(5e-3);
    const total = p.attributions.reduce((a, f) => a + f.attribution, 0);
    expect(total).toBeCloseTo(p.pMalignant - p.pMalignantAtBaseline + p.convergenceDelta, 6);
    expect(p.pMalignant).toBeGreaterThan(0.5);
  });
});

describe('a CSV that does not match the model', () => {
  it('is refused with the expected and actual column counts, or the first wrong column', async () => {
    const text = await readFile(DATA_CSV, 'utf8');
    const dropped = text
      .split('\n')
      .map((line) => line.split(',').filter((_, j) => j !== 3).join(','))
      .join('\n');
    const table = parseCsv(dropped, { labelColumn: 'diagnosis', file: 'dropped.csv' });
    expect(() => checkCsvColumns(table, report.model, { file: 'dropped.csv' })).toThrow(
      expect.objectContaining({ code: 'DATA_FILE_INVALID', details: expect.objectContaining({ row: 1, expected: 30, received: 29 }) }),
    );
    const swapped = text.replace('mean_radius,mean_texture', 'mean_texture,mean_radius');
    expect(() => checkCsvColumns(parseCsv(swapped, { labelColumn: 'diagnosis' }), report.model)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ column: 'mean_texture', expected: 'mean_radius' }) }),
    );
  });
});
