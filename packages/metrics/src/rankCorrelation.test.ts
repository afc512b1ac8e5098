import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { kendall, ranks, spearman } from './rankCorrelation';

/** Kendall's τ-b by its definition, over all pairs. */
function naiveKendall(a: number[], b: number[]): number {
  let c = 0, d = 0, ta = 0, tb = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) {
    const s = Math.sign(a[i]! - a[j]!) * Math.sign(b[i]! - b[j]!);
    if (s > 0) c++;
    else if (s < 0) d++;
    if (a[i] !== a[j] && b[i] === b[j]) tb++;
    if (a[i] === a[j] && b[i] !== b[j]) ta++;
  }
  return (c - d) / Math.sqrt((c + d + ta) * (c + d + tb));
}

describe('rank correlation', () => {
  it('average ranks for ties', () => {
    expect(Array.from(ranks([10, 30, 20, 20]))).toEqual([0, 3, 1.5, 1.5]);
  });

  it('Spearman: known values', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // d = rank differences [0, 0, 1, −1]: ρ = 1 − 6 Σd² / (n (n² − 1)) = 1 − 12 / 60 = 0.8
    expect(spearman([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(0.8, 12);
    // Monotone transforms do not change it.
    expect(spearman([0.1, 5, -3, 2], [Math.exp(0.1), Math.exp(5), Math.exp(-3), Math.exp(2)])).toBeCloseTo(1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('Kendall: known values and the O(n²) definition on random data with ties', () => {
    expect(kendall([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
    expect(kendall([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    const rng = createRandom(4);
    for (let t = 0; t < 20; t++) {
      const n = 5 + rng.int(60);
      const a = Array.from({ length: n }, () => rng.int(8)); // many ties
      const b = Array.from({ length: n }, (_, i) => (t % 2 ? a[i]! + rng.int(4) : rng.int(6)));
      expect(kendall(a, b)).toBeCloseTo(naiveKendall(a, b), 12);
    }
  });

  it('refuses lists of different lengths', () => {
    expect(() => spearman([1, 2], [1])).toThrow('equally long');
    expect(() => kendall([1, 2], [1])).toThrow('equally long');
  });
});
