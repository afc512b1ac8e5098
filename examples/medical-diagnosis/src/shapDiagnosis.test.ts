import { describe, it, expect } from 'vitest';
import { loadTabularExample } from '@glassbox-examples/tabular';
import { MEDICAL_DIAGNOSIS } from './patients';
import { shapDiagnosis } from './shapDiagnosis';

describe('medical-diagnosis: SHAP explanations', () => {
  it('KernelSHAP adds up to P(malignant) − E[P(malignant)] and renders force and beeswarm pictures', async () => {
    const { model, table, train, test } = await loadTabularExample(MEDICAL_DIAGNOSIS);
    const s = await shapDiagnosis(model, table, test.slice(0, 4), train.slice(0, 8), 128);
    expect(s.values).toHaveLength(4);
    expect(s.values[0]).toHaveLength(30);
    expect(s.maxAdditivityError).toBeLessThan(1e-5);
    expect(s.forceSvg).toContain('f(x) = ');
    expect(s.beeswarmSvg.match(/<circle/g)!.length).toBe(4 * 12);
    model.dispose?.();
  });
});
