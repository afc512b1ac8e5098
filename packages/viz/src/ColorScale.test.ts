import { describe, expect, it } from 'vitest';
import { percentile } from '@glassbox/core/numeric';
import { colorScaleFor, formatNumber, scalePosition } from './ColorScale';

describe('colorScaleFor', () => {
  it('is signed and symmetric when values go negative, diverging map by default', () => {
    const s = colorScaleFor([-2, 1, 0.5], { clip: 100 });
    expect(s).toMatchObject({ signed: true, min: -2, max: 2, colormap: 'rdbu' });
    expect(scalePosition(s, 0)).toBe(0.5);
    expect(scalePosition(s, -2)).toBe(0);
  });

  it('is absolute with viridis for non-negative values, or when signed: false', () => {
    expect(colorScaleFor([0, 1, 4], { clip: 100 })).toMatchObject({ signed: false, min: 0, max: 4, colormap: 'viridis' });
    const s = colorScaleFor([-4, 1], { signed: false, clip: 100 });
    expect(s.max).toBe(4);
    expect(scalePosition(s, -4)).toBe(1);
  });

  it('clips at a percentile of |value| so outliers saturate', () => {
    const v = Array.from({ length: 101 }, (_, i) => i / 100);
    v[100] = 1000;
    const s = colorScaleFor(v, { clip: 99 });
    expect(s.max).toBeCloseTo(0.99, 6);
    expect(scalePosition(s, 1000)).toBe(1);
  });

  it('accepts a fixed range and validates options', () => {
    expect(colorScaleFor([5], { range: [-1, 1] })).toMatchObject({ signed: true, min: -1, max: 1 });
    expect(() => colorScaleFor([1], { clip: 0 })).toThrow(/clip/);
    expect(() => colorScaleFor([1], { range: [2, 1] })).toThrow(/range/);
  });

  it('maps degenerate ranges to the neutral point', () => {
    expect(scalePosition(colorScaleFor([0, 0]), 0)).toBe(0);
    expect(scalePosition(colorScaleFor([0, 0], { signed: true }), 0)).toBe(0.5);
  });
});

describe('percentile / formatNumber', () => {
  it('interpolates between order statistics', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([], 50)).toBe(0);
  });

  it('writes short labels', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(-1.234)).toBe('-1.2');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatNumber(0.000153)).toBe('1.5e-4');
    expect(formatNumber(25000)).toBe('2.5e+4');
    expect(formatNumber(0.001)).toBe('1e-3');
  });
});

describe('formatNumber digits', () => {
  it('keeps more digits when asked', () => {
    expect(formatNumber(4.95, 4)).toBe('4.95');
    expect(formatNumber(0.0012345, 3)).toBe('1.23e-3');
    expect(formatNumber(0.001, 3)).toBe('1e-3');
    expect(formatNumber(12345.6, 4)).toBe('12346');
  });
});
