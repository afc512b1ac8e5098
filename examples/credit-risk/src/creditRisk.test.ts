import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { checkCsvColumns, parseCsv, predictTree } from '@glassbox/surrogate-tree';
import { heldOutAccuracy, readModelMetadata } from '@glassbox-examples/tabular';
import { explainCredit, type CreditReport } from './explainCredit';
import { DATA_CSV, MODEL_JSON, loadApplicants } from './applicants';

let report: CreditReport;
beforeAll(async () => {
  report = await explainCredit(3);
});
afterAll(() => report?.model.dispose?.());

describe('the committed credit-risk model', () => {
  it('beats the majority class on held-out applicants and names its features and classes', async () => {
    const { table, labels } = await loadApplicants();
    const { test } = report.split;
    expect(table.shape[1]).toBe(61);
    const accuracy = await heldOutAccuracy(report.model, table, labels, test);
    const majority = test.filter((r) => labels[r] === 0).length / test.length;
    expect(majority).toBe(0.7);
    expect(accuracy).toBeGreaterThanOrEqual(0.74);
    const meta = await readModelMetadata(MODEL_JSON);
    expect(meta.training.heldOutAccuracy).toBeCloseTo(accuracy, 10);
    expect(report.model.featureNames).toEqual(table.header);
    expect(report.model.classNames).toEqual(['good', 'bad']);
  });
});

describe('global surrogate of the credit model', () => {
  it('mimics the model on held-out applicants better than the majority class, in readable rules', () => {
    const d = report.surrogate.data!;
    expect(d.heldOutRows).toBe(250);
    expect(d.fidelity).toBeGreaterThan(0.77);
    expect(d.fidelity).toBeGreaterThan(d.majorityFidelity! + 0.05);
    expect(d.rules.reduce((a, r) => a + r.samples, 0)).toBe(d.trainRows);
    // One-hot columns read as "= 0 / = 1", never as thresholds.
    for (const r of d.rules) for (const c of r.conditions) if (c.name.includes('.')) expect(c.text).toMatch(/ = [01]$/);
    expect(d.importances[0]!.feature).toMatch(/^CheckingAccountStatus\./);
    expect(report.svg).toContain('CheckingAccountStatus');
  });

  it('its rules, applied to the whole file, agree with the model as often as the fidelity says (±5 points)', () => {
    const d = report.surrogate.data!;
    const tree = predictTree(d.tree, report.table);
    const out = report.surrogate.outputs;
    const agree = tree.reduce((a, c, i) => a + (c === (out[i * 2 + 1]! > out[i * 2]! ? 1 : 0) ? 1 : 0), 0) / 1000;
    expect(Math.abs(agree - d.fidelity)).toBeLessThan(0.05);
  });
});

describe('one rejected applicant', () => {
  it('is rejected by the model; integrated gradients are complete', () => {
    const a = report.applicant;
    expect(a.pBad).toBeGreaterThanOrEqual(0.5);
    expect(a.attributions).toHaveLength(61);
    expect(Math.abs(a.convergenceDelta)).toBeLessThan(5e-3);
    expect(a.attributions.reduce((s, f) => s + f.attribution, 0)).toBeCloseTo(a.pBad - a.pBadAtBaseline + a.convergenceDelta, 6);
  });

  it('the local surrogate agrees with the model on the applicant, says why, and is faithful nearby', () => {
    const l = report.applicant.local;
    expect(l.modelPrediction).toBe(1);
    expect(l.agrees).toBe(true);
    expect(l.treePrediction).toBe(1);
    expect(l.fidelity).toBeGreaterThan(0.75);
    expect(l.path.length).toBeGreaterThan(0);
    expect(l.rule).toMatch(/^if .+ then bad \(n = \d+, [\d.]+% agree\)$/);
    expect(l.path.reduce((s, step) => s + step.contribution, 0)).toBeCloseTo(l.leafScore - l.rootScore, 10);
    expect(l.leafScore).toBeGreaterThan(0.5);
    // Each condition on the path holds for the applicant.
    for (const s of l.path) expect(s.condition.includes('>') || s.condition.endsWith('= 1') ? s.value > s.threshold : s.value <= s.threshold).toBe(true);
    expect(report.applicant.localSvg.startsWith('<svg')).toBe(true);
  });
});

describe('a CSV that does not match the model', () => {
  it('is refused with the expected and actual column counts', async () => {
    const text = await readFile(DATA_CSV, 'utf8');
    const extra = text
      .split('\n')
      .map((line, i) => (line ? `${line},${i === 0 ? '"Extra"' : '0'}` : line))
      .join('\n');
    const table = parseCsv(extra, { labelColumn: 'Class', file: 'extra.csv' });
    expect(() => checkCsvColumns(table, report.model, { file: 'extra.csv' })).toThrow(
      expect.objectContaining({ code: 'DATA_FILE_INVALID', details: expect.objectContaining({ row: 1, expected: 61, received: 62, column: 'Extra' }) }),
    );
  });
});
