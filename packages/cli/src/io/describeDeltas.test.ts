import { describe, expect, it } from 'vitest';
import { describeDeltas } from './describeDeltas';

describe('describeDeltas', () => {
  it('lists a few deltas, and summarises many by the largest and the mean |delta|', () => {
    expect(describeDeltas([1e-4, -2e-3])).toBe('1.00e-4, -2.00e-3');
    const many = Array.from({ length: 64 }, (_, i) => (i === 21 ? -9.3e-3 : 1e-4));
    expect(describeDeltas(many)).toBe('max |δ| 9.30e-3 (example 21), mean |δ| 2.44e-4 over 64 examples');
  });

  it('names a NaN delta as the worst, so it is not hidden', () => {
    expect(describeDeltas([...Array(9).fill(1e-5), Number.NaN, 1])).toMatch(/^max \|δ\| NaN \(example 9\)/);
  });
});
