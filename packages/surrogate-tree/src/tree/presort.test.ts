import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { presort } from './presort';
import { niceThreshold } from './niceThreshold';

describe('presort', () => {
  it('is a stable argsort per column (negatives, -0, duplicates, extremes)', () => {
    const rng = createRandom(1);
    const n = 3000;
    const special = [0, -0, 1e-30, -1e-30, 3.4e38, -3.4e38, 1, -1];
    const cols = [0, 1, 2].map((f) =>
      Float32Array.from({ length: n }, (_, i) => (f === 0 ? rng.normal() * 1e3 : f === 1 ? rng.int(5) - 2 : special[i % special.length]!)),
    );
    const { order, sorted } = presort(cols, n);
    cols.forEach((col, f) => {
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => col[a]! - col[b]! || a - b);
      const got = Array.from(order.subarray(f * n, (f + 1) * n));
      // -0 and 0 are equal values: only their relative order may differ from the comparator's.
      expect(got.map((i) => col[i]! + 0)).toEqual(expected.map((i) => col[i]! + 0));
      if (f !== 2) expect(got).toEqual(expected);
      expect(Array.from(sorted.subarray(f * n, (f + 1) * n))).toEqual(got.map((i) => col[i]));
    });
  });
});

describe('niceThreshold', () => {
  it('prints short and separates the two sides', () => {
    expect(niceThreshold(16.79, 16.83)).toBe(16.8);
    expect(niceThreshold(0, 1)).toBe(0.5);
    expect(niceThreshold(2, 3)).toBe(2.5);
    expect(niceThreshold(3, 10)).toBe(7);
    expect(niceThreshold(-5, -4)).toBe(-4.5);
    expect(niceThreshold(1000, 3000)).toBe(2000);
    expect(niceThreshold(-0.5, 0.5)).toBe(0);
  });

  it('stays in [lo, hi) for random and adjacent float32 gaps', () => {
    const rng = createRandom(2);
    for (let k = 0; k < 2000; k++) {
      const a = Math.fround(rng.normal() * 10 ** rng.int(8) * (rng.next() < 0.1 ? 1e-6 : 1));
      const gap = k % 3 === 0 ? Math.abs(a) * 1.2e-7 + 1e-45 : Math.abs(rng.normal()) * 10 ** (rng.int(6) - 3);
      const b = Math.fround(a + gap);
      if (!(b > a)) continue;
      const t = niceThreshold(a, b);
      expect(t >= a && t < b, `${a} ${b} → ${t}`).toBe(true);
      expect(Math.fround(a) <= t && !(Math.fround(b) <= t)).toBe(true);
    }
  });
});
