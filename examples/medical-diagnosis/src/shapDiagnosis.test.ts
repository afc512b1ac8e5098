import { describe, it, expect } from 'vitest';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { MODEL_JSON, SPLIT_SEED, loadPatients, stratifiedSplit } from './patients';
import { shapDiagnosis } from './shapDiagnosis';

describe('medical-diagnosis: SHAP explanations', () => {
  it('KernelSHAP adds up to P(malignant) − E[P(malignant)] and renders force and beeswarm pictures', async () => {
    await useBackend('cpu');
    const model = await loadModel(MODEL_JSON);
    const { table, labels } = await loadPatients();
    const { train, test } = stratifiedSplit(labels, 0.2, SPLIT_SEED);
    const s = await shapDiagnosis(model, table, test.slice(0, 4), train.slice(0, 8), 128);
    expect(s.values).toHaveLength(4);
    expect(s.values[0]).toHaveLength(30);
    expect(s.maxAdditivityError).toBeLessThan(1e-5);
    expect(s.forceSvg).toContain('f(x) = ');
    expect(s.beeswarmSvg.match(/<circle/g)!.length).toBe(4 * 12);
    model.dispose?.();
  });
});
