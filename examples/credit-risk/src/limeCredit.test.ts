import { describe, it, expect } from 'vitest';
import { lime } from '@glassbox/perturbation';
import { loadTabularExample, rowsOf } from '@glassbox-examples/tabular';
import { CLASS_NAMES, CREDIT_RISK } from './applicants';
import { oneHotAttributes } from './oneHotAttributes';

describe('credit-risk: LIME fidelity', () => {
  it('a local linear surrogate over the 20 attributes, its held-out fidelity reported per applicant', async () => {
    const { model, table, train, test } = await loadTabularExample(CREDIT_RISK);
    const p = table.shape[1];
    const { mask } = oneHotAttributes(table.header);
    // "Removed" attributes take the mean training applicant's values.
    const mean = Array.from({ length: p }, (_, j) => train.reduce((s, r) => s + table.values[r * p + j]! / train.length, 0));
    const rows = test.slice(0, 5);
    const e = await lime({ samples: 1000, featureMask: { values: mask, shape: [p] }, baseline: { values: mean, shape: [p] } }).explain(
      model,
      { values: rowsOf(table, rows), shape: [rows.length, p] },
      { target: CLASS_NAMES.indexOf('bad'), seed: 3 },
    );
    const fidelity = e.data!.instances.map((s) => s.fidelity);
    console.info(`LIME held-out weighted R² per applicant: ${fidelity.map((f) => f.toFixed(3)).join(', ')} (mean ${e.data!.fidelity.toFixed(3)})`);
    for (const f of fidelity) expect(f).toBeGreaterThan(0.5);
    model.dispose?.();
  });
});
