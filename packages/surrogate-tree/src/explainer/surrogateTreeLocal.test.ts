import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { createRandom, fromBatchFunction, type Model } from '@glassbox/core';
import { createTinyMlp, explainerConformance, randomInputs } from '@glassbox/core/testing';
import { surrogateTreeLocal } from './surrogateTreeLocal';
import { blackBoxMlp } from './blackBoxMlp';
import { parseCsv } from '@glassbox/core';
import { featureUnits } from '../data/featureUnits';
import { perturbAround } from '../data/perturb';

const credit = parseCsv(readFileSync(fileURLToPath(new URL('../../../../examples/credit-risk/data/german_credit.csv', import.meta.url)), 'utf8'), {
  labelColumn: 'Class',
});
const p = credit.shape[1];
const col = (name: string) => credit.header.indexOf(name);

/** A known-rule black box on real credit features: bad when the checking account is overdrawn and the loan runs over 24 months. */
const creditRule = (): Model =>
  fromBatchFunction(
    async (x, n) => {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const bad = x[i * p + col('CheckingAccountStatus.lt.0')] === 1 && x[i * p + col('Duration')]! > 24;
        out[i * 2] = bad ? 0.2 : 0.8;
        out[i * 2 + 1] = bad ? 0.8 : 0.2;
      }
      return out;
    },
    { inputShape: [p], outputShape: [2], name: 'credit-rule', featureNames: credit.header, classNames: ['good', 'bad'] },
  );

const row = (i: number) => credit.values.slice(i * p, (i + 1) * p);

describe('surrogate-tree-local: conformance', () => {
  describe('on a differentiable MLP', () => {
    for (const c of explainerConformance({ explainer: surrogateTreeLocal({ samples: 200 }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) {
      it(c.name, c.run);
    }
  });
  describe('on a black-box batch function', () => {
    const blackBox = () => blackBoxMlp({ seed: 9, outputs: 1, head: 'sigmoid' });
    const checks = explainerConformance({
      explainer: surrogateTreeLocal({ samples: 100, task: 'regression' }),
      model: blackBox,
      inputs: () => randomInputs(3, [6], 2),
      call: { memoryBudgetBytes: 8192 },
    });
    for (const c of checks) it(c.name, c.run);
  });
});

describe('feature units and perturbations on the German credit columns', () => {
  const units = featureUnits(credit.header, credit.values, credit.shape[0], p);

  it('finds the 7 numeric features, 2 binary ones and the 11 one-hot attributes', () => {
    expect(units.filter((u) => u.kind === 'numeric').map((u) => credit.header[u.features[0]])).toEqual([
      'Duration',
      'Amount',
      'InstallmentRatePercentage',
      'ResidenceDuration',
      'Age',
      'NumberExistingCredits',
      'NumberPeopleMaintenance',
    ]);
    expect(units.filter((u) => u.kind === 'binary').map((u) => credit.header[u.features[0]])).toEqual(['Telephone', 'ForeignWorker']);
    const groups = units.filter((u) => u.kind === 'one-hot');
    expect(groups.map((u) => credit.header[u.features[0]!]!.split('.')[0])).toEqual([
      'CheckingAccountStatus',
      'CreditHistory',
      'Purpose',
      'SavingsAccountBonds',
      'EmploymentDuration',
      'Personal',
      'OtherDebtorsGuarantors',
      'Property',
      'OtherInstallmentPlans',
      'Housing',
      'Job',
    ]);
    expect(groups.map((u) => u.features.length)).toEqual([4, 5, 11, 5, 5, 5, 3, 4, 3, 3, 4]);
    const duration = units.find((u) => u.kind === 'numeric' && u.features[0] === col('Duration'));
    expect(duration && 'scale' in duration && duration.scale).toBeCloseTo(12.05, 1);
  });

  it('perturbed samples keep one-hot codes valid, start with the instance and weigh by proximity', () => {
    const x = row(1);
    const { samples, weights } = perturbAround(x, units, { values: credit.values, rows: 1000 }, 500, { noise: 0.5, swap: 0.3, kernelWidth: 0.75 }, createRandom(1));
    expect(Array.from(samples.subarray(0, p))).toEqual(Array.from(x));
    expect(weights[0]).toBe(1);
    let swapped = 0;
    for (let s = 1; s < 500; s++) {
      for (const u of units) {
        if (u.kind !== 'one-hot') continue;
        const ones = u.features.reduce((a, j) => a + samples[s * p + j]!, 0);
        expect(ones).toBe(1);
        if (u.features.some((j) => samples[s * p + j] !== x[j])) swapped++;
      }
      expect(weights[s]).toBeGreaterThan(0);
      expect(weights[s]).toBeLessThan(1);
    }
    // ~30% of the 11 groups are resampled, and some of those land on another category.
    expect(swapped / 499 / 11).toBeGreaterThan(0.1);
    expect(swapped / 499 / 11).toBeLessThan(0.3);
  });
});

describe('surrogate-tree-local on real credit data with a known-rule black box', () => {
  // A rejected applicant near the boundary (overdrawn, 27–30 months), so that perturbations (±6 months) reach 24.
  const rejected = Array.from({ length: 1000 }, (_, i) => i).find((i) => {
    const months = credit.values[i * p + col('Duration')];
    return credit.values[i * p + col('CheckingAccountStatus.lt.0')] === 1 && months! >= 27 && months! <= 30;
  })!;

  it('the deciding path names the rule, with high local fidelity and contributions that add up', async () => {
    const explainer = surrogateTreeLocal({ background: credit, maxDepth: 3 });
    const e = await explainer.explain(creditRule(), [Array.from(row(rejected))], { target: 1 });
    const s = e.data!.instances[0];
    expect(s!.modelPrediction).toBe(1);
    expect(s!.agrees).toBe(true);
    expect(s!.fidelity).toBeGreaterThan(0.97);
    expect(s!.path.map((step) => step.name).sort()).toEqual(['CheckingAccountStatus.lt.0', 'Duration']);
    expect(s!.path.find((step) => step.name === 'CheckingAccountStatus.lt.0')!.condition).toBe('CheckingAccountStatus.lt.0 = 1');
    const duration = s!.path.find((step) => step.name === 'Duration')!;
    expect(duration.condition).toMatch(/^Duration > /);
    expect(duration.threshold).toBeGreaterThan(22);
    expect(duration.threshold).toBeLessThan(26);
    expect(s!.rule).toMatch(/then bad \(n = \d+, 100% agree\)$/);
    const total = s!.path.reduce((a, step) => a + step.contribution, 0);
    expect(total).toBeCloseTo(s!.leafScore - s!.rootScore, 10);
    expect(Array.from(e.attributions).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 5);
    expect(e.attributions[col('Duration')]).toBeGreaterThan(0);
    expect(e.attributions[col('Age')]).toBe(0);
    expect(s!.scoreName).toBe('share of bad');
  });

  it('explains several rows at once, each with its own tree, deterministically', async () => {
    const explainer = surrogateTreeLocal({ background: credit, samples: 400 });
    const rows = [rejected, 0, 1].map((i) => Array.from(row(i)));
    const a = await explainer.explain(creditRule(), rows, { seed: 4 });
    const b = await explainer.explain(creditRule(), rows, { seed: 4 });
    expect(a.data!.instances).toHaveLength(3);
    expect(a.attributionShape).toEqual([3, p]);
    expect(JSON.stringify(a.data)).toBe(JSON.stringify(b.data));
    expect(a.targets).toEqual(a.data!.instances.map((s) => s.modelPrediction));
  });

  it('regression explains the target output and reports weighted R²', async () => {
    const e = await surrogateTreeLocal({ background: credit, task: 'regression' }).explain(creditRule(), [Array.from(row(rejected))], { target: 1 });
    const s = e.data!.instances[0];
    expect(s).toMatchObject({ fidelityMetric: 'r2', scoreName: 'P(bad)' });
    expect(s!.modelPrediction).toBeCloseTo(0.8, 6);
    expect(s!.treePrediction).toBeCloseTo(0.8, 6);
    expect(s!.fidelity).toBeGreaterThan(0.9);
  });

  it('needs a background or several rows, of the right width', async () => {
    await expect(surrogateTreeLocal().explain(creditRule(), [Array.from(row(0))])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('surrogateTreeLocal({ background: rows })'),
    });
    await expect(surrogateTreeLocal({ background: [[1, 2], [3, 4]] }).explain(creditRule(), [Array.from(row(0))])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('background has 2 columns'),
    });
    expect(() => surrogateTreeLocal({ background: [[1, NaN]] })).toThrow(/NaN at row 0, column 1/);
  });
});
