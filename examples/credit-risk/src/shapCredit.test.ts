import { describe, it, expect } from 'vitest';
import { loadTabularExample } from '@glassbox-examples/tabular';
import { CREDIT_RISK } from './applicants';
import { shapCredit } from './shapCredit';

describe('credit-risk: SHAP explanations', () => {
  it('KernelSHAP over the 20 attributes adds up to P(bad) − E[P(bad)] and renders force and beeswarm pictures', async () => {
    const { model, table, train, test } = await loadTabularExample(CREDIT_RISK);
    const s = await shapCredit(model, table, test.slice(0, 6), train.slice(0, 10), 128);
    expect(s.attributes).toHaveLength(20);
    expect(s.values).toHaveLength(6);
    expect(s.maxAdditivityError).toBeLessThan(1e-5);
    expect(s.baseValue).toBeGreaterThan(0);
    expect(s.baseValue).toBeLessThan(1);
    expect(s.forceSvg).toMatch(/^<svg[\s\S]*f\(x\) = [\s\S]*<\/svg>$/);
    expect(s.beeswarmSvg.match(/<circle/g)!.length).toBe(6 * 12);
    model.dispose?.();
  });
});
