import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { fitTree } from './fitTree';
import { applyTree, predictTree } from './predictTree';
import type { DecisionTree } from './DecisionTree';

/** Brute-force CART split of a sample set: every feature, every gap, exact impurities. */
function bruteBestSplit(X: number[][], y: number[], w: number[], rows: number[], criterion: 'gini' | 'entropy' | 'squared_error', minLeaf = 1) {
  const imp = (idx: number[]) => {
    const W = idx.reduce((a, i) => a + w[i]!, 0);
    if (criterion === 'squared_error') {
      const m = idx.reduce((a, i) => a + w[i]! * y[i]!, 0) / W;
      return { W, imp: idx.reduce((a, i) => a + w[i]! * (y[i]! - m) ** 2, 0) / W };
    }
    const c = new Map<number, number>();
    for (const i of idx) c.set(y[i]!, (c.get(y[i]!) ?? 0) + w[i]!);
    let v = 0;
    for (const x of c.values()) v += criterion === 'gini' ? (x / W) * (1 - x / W) : x > 0 ? -(x / W) * Math.log2(x / W) : 0;
    return { W, imp: v };
  };
  let best: { feature: number; lo: number; hi: number; child: number } | null = null;
  for (let f = 0; f < X[0]!.length; f++) {
    const vals = [...new Set(rows.map((i) => Math.fround(X[i]![f]!)))].sort((a, b) => a - b);
    for (let k = 0; k + 1 < vals.length; k++) {
      const L = rows.filter((i) => Math.fround(X[i]![f]!) <= vals[k]!);
      const R = rows.filter((i) => Math.fround(X[i]![f]!) > vals[k]!);
      if (L.length < minLeaf || R.length < minLeaf) continue;
      const l = imp(L), r = imp(R);
      const child = l.W * l.imp + r.W * r.imp;
      if (!best || child < best.child - 1e-9 * Math.abs(best.child)) best = { feature: f, lo: vals[k]!, hi: vals[k + 1]!, child };
    }
  }
  return best;
}

/** Every internal node of `tree` must hold the brute-force best split of the samples reaching it. */
function expectOptimalSplits(tree: DecisionTree, X: number[][], y: number[], w: number[], minLeaf = 1) {
  const reach: number[][] = tree.nodes.map(() => []);
  X.forEach((row, i) => {
    let k = 0;
    reach[0]!.push(i);
    while (tree.nodes[k]!.feature >= 0) {
      k = Math.fround(row[tree.nodes[k]!.feature]!) <= tree.nodes[k]!.threshold ? tree.nodes[k]!.left : tree.nodes[k]!.right;
      reach[k]!.push(i);
    }
  });
  for (const node of tree.nodes) {
    expect(node.samples).toBe(reach[node.id]!.length);
    if (node.feature < 0) continue;
    const b = bruteBestSplit(X, y, w, reach[node.id]!, tree.criterion, minLeaf)!;
    expect({ id: node.id, feature: node.feature }).toEqual({ id: node.id, feature: b.feature });
    expect(node.threshold).toBeGreaterThanOrEqual(b.lo);
    expect(node.threshold).toBeLessThan(b.hi);
  }
}

const randomData = (n: number, p: number, seed: number, levels = 0) => {
  const rng = createRandom(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => (levels ? rng.int(levels) : Math.round(rng.normal() * 100) / 100)));
  return X;
};

describe('fitTree: known trees', () => {
  it('finds the known best split and breaks the tie between equal splits by the lowest threshold', () => {
    // Gini after x<=2: 4/6·0.375 = 0.25; after x<=4: 0.25 too; after x<=3: 0.444. The lower threshold wins.
    const tree = fitTree([[1], [2], [3], [4], [5], [6]], [0, 0, 1, 0, 1, 1], { maxDepth: 1 });
    expect(tree.nodes[0]).toMatchObject({ feature: 0, threshold: 2.5, samples: 6, impurity: 0.5 });
    expect(tree.nodes[tree.nodes[0]!.left]).toMatchObject({ samples: 2, impurity: 0, value: [1, 0], prediction: 0 });
    expect(tree.nodes[tree.nodes[0]!.right]).toMatchObject({ samples: 4, impurity: 0.375, value: [0.25, 0.75], prediction: 1 });
  });

  it('picks the informative feature over noise and ends in pure leaves', () => {
    const X = [[5, 1], [3, 2], [9, 3], [1, 10], [7, 11], [2, 12]];
    const tree = fitTree(X, [0, 0, 0, 1, 1, 1], { featureNames: ['noise', 'signal'], classNames: ['no', 'yes'] });
    expect(tree.nodes[0]).toMatchObject({ feature: 1, threshold: 7 });
    expect(tree.leaves).toBe(2);
    expect(tree.depth).toBe(1);
    expect(tree.featureImportances).toEqual([0, 1]);
    expect(tree.nodes.filter((n) => n.feature < 0).every((n) => n.impurity === 0)).toBe(true);
  });

  it('grows to pure leaves on separable data (training accuracy 1)', () => {
    const X = randomData(200, 3, 1);
    const y = X.map((r) => (r[0]! > 0.3 && r[1]! < 0.5 ? 1 : r[2]! > 1 ? 2 : 0));
    const tree = fitTree(X, y);
    expect(Array.from(predictTree(tree, X))).toEqual(y);
    for (const n of tree.nodes) if (n.feature < 0) expect(n.impurity).toBe(0);
  });

  it('every split is the brute-force best split (Gini, entropy, squared error, weights, min leaf)', () => {
    const X = randomData(120, 4, 2, 7);
    const rng = createRandom(3);
    const yc = X.map((r) => ((r[0]! + r[1]! * 2 + rng.int(3)) % 3));
    const yr = X.map((r) => r[0]! * 1.5 - r[2]! + rng.normal());
    const w = X.map(() => 0.5 + rng.int(4));
    const ones = X.map(() => 1);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4 }), X, yc, ones);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4, criterion: 'entropy' }), X, yc, ones);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4, sampleWeight: w }), X, yc, w);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4, criterion: 'entropy', sampleWeight: w }), X, yc, w);
    const wInt = w.map((v) => v + 0.5);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4, criterion: 'entropy', sampleWeight: wInt }), X, yc, wInt);
    expectOptimalSplits(fitTree(X, yr, { task: 'regression', maxDepth: 4 }), X, yr, ones);
    expectOptimalSplits(fitTree(X, yr, { task: 'regression', maxDepth: 3, sampleWeight: w }), X, yr, w);
    expectOptimalSplits(fitTree(X, yc, { maxDepth: 4, minSamplesLeaf: 9 }), X, yc, ones, 9);
  });

  it('sample weights move the split and the majority', () => {
    // Unweighted: x<=1 and x<=3 tie (Gini 1/3), the lower wins. Weight 3 on the last sample makes x<=3 better.
    expect(fitTree([[1], [2], [3], [4]], [0, 1, 0, 1], { maxDepth: 1 }).nodes[0]!.threshold).toBe(1.5);
    const weighted = fitTree([[1], [2], [3], [4]], [0, 1, 0, 1], { maxDepth: 1, sampleWeight: [1, 1, 1, 3] });
    expect(weighted.nodes[0]!.threshold).toBe(3.5);
    const leaf = fitTree([[1], [2], [3]], [0, 1, 1], { maxDepth: 0, sampleWeight: [5, 1, 1] }).nodes[0];
    expect(leaf).toMatchObject({ prediction: 0, weight: 7, samples: 3 });
    expect(leaf!.value[0]).toBeCloseTo(5 / 7, 12);
  });

  it('an integer weight equals repeating the row', () => {
    const X = randomData(60, 3, 4, 5);
    const y = X.map((r) => (r[0]! + r[2]! > 4 ? 1 : 0));
    const w = X.map((_, i) => 1 + (i % 3));
    const repeatedX = X.flatMap((r, i) => Array.from({ length: w[i]! }, () => r));
    const repeatedY = y.flatMap((v, i) => Array.from({ length: w[i]! }, () => v));
    const a = fitTree(X, y, { sampleWeight: w, maxDepth: 5 });
    const b = fitTree(repeatedX, repeatedY, { maxDepth: 5 });
    const shape = (t: DecisionTree) => t.nodes.map((n) => [n.feature, n.threshold, n.weight, n.value.map((v) => v.toFixed(12))]);
    expect(shape(a)).toEqual(shape(b));
  });

  it('ties between identical features go to the lowest index', () => {
    const X = [[1, 1, 9], [2, 2, 8], [3, 3, 7], [4, 4, 6]];
    const tree = fitTree(X, [0, 0, 1, 1]);
    expect(tree.nodes[0]!.feature).toBe(0);
    // Whichever of the equally good columns comes first wins, whatever its direction.
    const tree2 = fitTree(X.map((r) => [r[2]!, r[0]!]), [0, 0, 1, 1]);
    expect(tree2.nodes[0]!.feature).toBe(0);
  });

  it('never splits on constant features; all-constant data is one leaf', () => {
    const X = [[5, 1], [5, 2], [5, 3], [5, 4]];
    const tree = fitTree(X, [0, 0, 1, 1]);
    expect(tree.nodes.filter((n) => n.feature >= 0).map((n) => n.feature)).toEqual([1]);
    const flat = fitTree([[5, 5], [5, 5], [5, 5]], [0, 1, 1]);
    expect(flat.nodes).toHaveLength(1);
    expect(flat).toMatchObject({ leaves: 1, depth: 0, featureImportances: [0, 0] });
    expect(flat.nodes[0]!.prediction).toBe(1);
  });

  it('treats one-hot columns as binary features', () => {
    // colour one-hot (red, green, blue) and a numeric size; the label is "green".
    const colours = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const X = Array.from({ length: 30 }, (_, i) => [...colours[i % 3]!, (i * 7) % 11]);
    const y = X.map((r) => r[1]!);
    const tree = fitTree(X, y, { featureNames: ['colour.red', 'colour.green', 'colour.blue', 'size'] });
    expect(tree.featureKinds).toEqual(['binary', 'binary', 'binary', 'numeric']);
    expect(tree.nodes[0]).toMatchObject({ feature: 1, threshold: 0.5 });
    expect(tree.leaves).toBe(2);
  });

  it('regression: a step function gives the two means with zero spread', () => {
    const X = Array.from({ length: 10 }, (_, i) => [i]);
    const y = X.map(([x]) => (x! > 5 ? 10 : 2));
    const tree = fitTree(X, y, { task: 'regression' });
    expect(tree.nodes[0]).toMatchObject({ feature: 0, threshold: 5.5, value: [(6 * 2 + 4 * 10) / 10] });
    expect(tree.nodes.filter((n) => n.feature < 0).map((n) => [n.prediction, n.std])).toEqual([[2, 0], [10, 0]]);
    expect(tree.nodes[0]!.impurity).toBeCloseTo(0.24 * 64, 10);
  });

  it('entropy impurity is in bits', () => {
    const tree = fitTree([[1], [2], [3], [4]], [0, 0, 1, 1], { criterion: 'entropy' });
    expect(tree.nodes[0]!.impurity).toBeCloseTo(1, 12);
    expect(tree.leaves).toBe(2);
  });
});

describe('fitTree: size limits', () => {
  const X = randomData(400, 5, 5);
  const rng = createRandom(6);
  const y = X.map((r) => (r[0]! + 0.5 * r[1]! - r[3]! + rng.normal() * 0.5 > 0 ? 1 : 0));

  it('maxDepth, minSamplesLeaf and minSamplesSplit hold', () => {
    const tree = fitTree(X, y, { maxDepth: 3, minSamplesLeaf: 20, minSamplesSplit: 60 });
    expect(tree.depth).toBeLessThanOrEqual(3);
    for (const n of tree.nodes) {
      if (n.feature < 0) expect(n.samples).toBeGreaterThanOrEqual(20);
      else expect(n.samples).toBeGreaterThanOrEqual(60);
    }
    expect(fitTree(X, y, { maxDepth: 0 }).nodes).toHaveLength(1);
  });

  it('minImpurityDecrease drops weak splits', () => {
    const full = fitTree(X, y, { maxDepth: 6 });
    const pruned = fitTree(X, y, { maxDepth: 6, minImpurityDecrease: 0.01 });
    expect(pruned.leaves).toBeLessThan(full.leaves);
    // Each kept split decreases impurity by ≥ 0.01 of the root weight.
    for (const n of pruned.nodes) {
      if (n.feature < 0) continue;
      const l = pruned.nodes[n.left], r = pruned.nodes[n.right];
      expect((n.weight * n.impurity - l!.weight * l!.impurity - r!.weight * r!.impurity) / 400).toBeGreaterThanOrEqual(0.01 - 1e-12);
    }
  });

  it('maxLeafNodes grows best-first: the kept splits are the largest decreases', () => {
    const tree = fitTree(X, y, { maxLeafNodes: 4 });
    expect(tree.leaves).toBe(4);
    const full = fitTree(X, y, { maxDepth: 2 });
    // The root split is shared; three splits chosen by decrease.
    expect(tree.nodes[0]!.feature).toBe(full.nodes[0]!.feature);
    expect(tree.nodes[0]!.threshold).toBe(full.nodes[0]!.threshold);
    const unlimited = fitTree(X, y, { maxLeafNodes: 10_000, maxDepth: 5 });
    const depthFirst = fitTree(X, y, { maxDepth: 5 });
    expect(unlimited.nodes.map((n) => [n.feature, n.threshold])).toEqual(depthFirst.nodes.map((n) => [n.feature, n.threshold]));
  });

  it('leaf assignment and predictions agree with the nodes', () => {
    const tree = fitTree(X, y, { maxDepth: 4 });
    const leaves = applyTree(tree, X);
    const pred = predictTree(tree, X);
    leaves.forEach((k, i) => expect(pred[i]).toBe(tree.nodes[k]!.prediction));
    const counts = new Map<number, number>();
    for (const k of leaves) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [k, c] of counts) expect(tree.nodes[k]!.samples).toBe(c);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(fitTree(X, y, { maxDepth: 5 }))).toBe(JSON.stringify(fitTree(X, y, { maxDepth: 5 })));
  });
});

describe('fitTree: bad input', () => {
  it('refuses bad data with INVALID_INPUT and bad options with INVALID_OPTION', () => {
    expect(() => fitTree([], [])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => fitTree([[1], [2, 3]], [0, 1])).toThrow(/row 1 has 2 columns; expected 1/);
    expect(() => fitTree([[1], [NaN]], [0, 1])).toThrow(/NaN at row 1, column 0/);
    expect(() => fitTree([[1], [2]], [0])).toThrow(/y has 1 values; X has 2 rows/);
    expect(() => fitTree([[1], [2]], [0, 1.5])).toThrow(/class indices/);
    expect(() => fitTree([[1], [2]], [0, 1], { sampleWeight: [1, -1] })).toThrow(/sampleWeight\[1\] is -1/);
    expect(() => fitTree([[1], [2]], [0, 1], { sampleWeight: [0, 0] })).toThrow(/sums to 0/);
    expect(() => fitTree([[1], [2]], [0, 1], { maxDepth: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => fitTree([[1], [2]], [0, 1], { minSamplesLeaf: 0 })).toThrow(/minSamplesLeaf.*integer ≥ 1/);
    expect(() => fitTree([[1], [2]], [0, 1], { minSamplesSplit: 1 })).toThrow(/minSamplesSplit/);
    expect(() => fitTree([[1], [2]], [0, 1], { maxLeafNodes: 1 })).toThrow(/maxLeafNodes/);
    expect(() => fitTree([[1], [2]], [0, 1], { criterion: 'squared_error' })).toThrow(/'gini' or 'entropy' for classification/);
    expect(() => fitTree([[1], [2]], [0, 1], { featureNames: ['a', 'b'] })).toThrow(/featureNames has 2 names; X has 1 columns/);
    expect(() => fitTree([[1], [2]], [0, 2], { classNames: ['a', 'b'] })).toThrow(/classNames has 2 names but y holds class 2/);
  });
});
