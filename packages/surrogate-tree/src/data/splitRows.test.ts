import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { featureUnits } from './featureUnits';
import { splitRows, stratifiedSplit, takeRows } from './splitRows';
import { augmentRows } from './perturb';

describe('splitRows', () => {
  it('cuts a seeded permutation: disjoint, complete, sorted, reproducible', () => {
    const a = splitRows(569, 0.25, createRandom(1));
    expect(a.test.length).toBe(142);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual(Array.from({ length: 569 }, (_, i) => i));
    expect(Array.from(a.train)).toEqual([...a.train].sort((x, y) => x - y));
    expect(splitRows(569, 0.25, createRandom(1))).toEqual(a);
    expect(splitRows(569, 0.25, createRandom(2)).test).not.toEqual(a.test);
  });
  it('holds out at least one and keeps at least one row', () => {
    expect(splitRows(2, 0.01, createRandom(1)).test.length).toBe(1);
    expect(splitRows(3, 0.9, createRandom(1)).train.length).toBe(1);
  });
  it('takeRows copies the rows in order', () => {
    expect(Array.from(takeRows(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, [2, 0]))).toEqual([5, 6, 1, 2]);
  });
});

describe('featureUnits', () => {
  const names = ['age', 'colour.red', 'colour.green', 'smoker', 'pet=cat', 'pet=dog'];
  // Rows: age, colour one-hot, a standalone binary, and a "pet" pair that is not exclusive (both 1 in row 2).
  const rows = [
    [30, 1, 0, 1, 1, 0],
    [40, 0, 1, 0, 0, 1],
    [50, 0, 1, 1, 1, 1],
    [60, 1, 0, 0, 0, 0],
  ];
  const values = Float32Array.from(rows.flat());
  it('groups exclusive binary columns of one attribute; other binary columns stand alone', () => {
    const units = featureUnits(names, values, 4, 6);
    expect(units.map((u) => [u.kind, u.features])).toEqual([
      ['numeric', [0]],
      ['one-hot', [1, 2]],
      ['binary', [3]],
      ['binary', [4]],
      ['binary', [5]],
    ]);
    expect(units[0]!.kind === 'numeric' && units[0]!.scale).toBeCloseTo(Math.sqrt(125), 5);
  });
  it('without names every binary column stands alone', () => {
    expect(featureUnits(['x0', 'x1', 'x2', 'x3', 'x4', 'x5'], values, 4, 6).filter((u) => u.kind === 'one-hot')).toEqual([]);
  });
  it('augmentRows moves numeric features only', () => {
    const units = featureUnits(names, values, 4, 6);
    const out = augmentRows(values, 4, 6, units, 3, 0.1, createRandom(3));
    expect(out.length).toBe(4 * 3 * 6);
    for (let r = 0; r < 12; r++) {
      const src = Math.floor(r / 3);
      expect(Array.from(out.subarray(r * 6 + 1, r * 6 + 6))).toEqual(rows[src]!.slice(1));
      expect(out[r * 6]).not.toBe(rows[src]![0]);
      expect(Math.abs(out[r * 6]! - rows[src]![0]!)).toBeLessThan(0.1 * Math.sqrt(125) * 5);
    }
  });
});

describe('stratifiedSplit', () => {
  it('holds out the same fraction of each class, deterministically, without overlap', () => {
    const labels = Int32Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 25 of class 1, 75 of class 0
    const a = stratifiedSplit(labels, 0.2, createRandom(3));
    expect(a.test.filter((i) => labels[i] === 1)).toHaveLength(5);
    expect(a.test.filter((i) => labels[i] === 0)).toHaveLength(15);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(stratifiedSplit(labels, 0.2, createRandom(3))).toEqual(a);
    expect(stratifiedSplit(labels, 0.2, createRandom(4)).test).not.toEqual(a.test);
  });
});
