import { describe, expect, it } from 'vitest';
import { accuracy, r2Score } from './fidelity';

describe('fidelity metrics', () => {
  it('accuracy: plain and weighted share of agreement', () => {
    expect(accuracy([0, 1, 1], [0, 1, 0])).toBeCloseTo(2 / 3, 12);
    expect(accuracy([0, 1, 1], [0, 1, 0], [1, 1, 2])).toBe(0.5);
    expect(accuracy([], [])).toBe(0);
  });

  it('R²: 1 − SS_res/SS_tot, weighted, and the constant-reference convention', () => {
    expect(r2Score([1, 2, 3], [1, 2, 4])).toBe(0.5);
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
    // Weighted: mean (1·1 + 3·3)/4 = 2.5, SS_tot = 2.25 + 3·0.25 = 3, SS_res = 3·1 = 3 → 0.
    expect(r2Score([1, 3], [1, 2], [1, 3])).toBeCloseTo(0, 12);
    expect(r2Score([0.2, 0.2, 0.2], [0.2, 0.2, 0.2])).toBe(1);
    expect(r2Score([0.2, 0.2], [0.2, 0.3])).toBe(0);
  });
});
