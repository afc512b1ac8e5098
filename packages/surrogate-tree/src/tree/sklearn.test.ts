import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '@glassbox/core';
import { fitTree } from './fitTree';
import type { DecisionTree } from './DecisionTree';
import type { FitTreeOptions } from './resolveTreeOptions';

/** Trees scikit-learn 1.2.1 fitted on the same CSV (fixtures/make_sklearn_fixture.py). */
interface SkNode {
  samples: number;
  weight: number;
  impurity: number;
  value: number[];
  feature?: number;
  threshold?: number;
  left?: SkNode;
  right?: SkNode;
}
const fixture: { cases: { name: string; options: FitTreeOptions; sampleWeight: string | null; target: string; tree: SkNode }[] } = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/sklearn-breast-cancer.json', import.meta.url)), 'utf8'),
);
const table = parseCsv(readFileSync(fileURLToPath(new URL('../../../../examples/medical-diagnosis/data/breast_cancer.csv', import.meta.url)), 'utf8'), {
  labelColumn: 'diagnosis',
});
const [n, p] = table.shape;
const rows = Array.from({ length: n }, (_, i) => Array.from(table.values.subarray(i * p, (i + 1) * p)));
const diagnosis = table.labels!.map((l) => (l === 'malignant' ? 1 : 0));

/** The criterion's weighted impurity of a set of samples (Gini, entropy in bits, or variance). */
function impurity(idx: number[], y: number[], w: number[], criterion: string): number {
  const W = idx.reduce((a, i) => a + w[i]!, 0);
  if (criterion === 'squared_error') {
    const m = idx.reduce((a, i) => a + w[i]! * y[i]!, 0) / W;
    return idx.reduce((a, i) => a + w[i]! * (y[i]! - m) ** 2, 0);
  }
  const q = idx.reduce((a, i) => a + w[i]! * y[i]!, 0) / W;
  const h = criterion === 'entropy' ? (q > 0 && q < 1 ? -(q * Math.log2(q) + (1 - q) * Math.log2(1 - q)) : 0) : 2 * q * (1 - q);
  return W * h;
}

/**
 * Walks both trees together: same statistics at every node, and the same split, or an exact tie
 * (scikit-learn breaks ties with a random feature order; we take the lowest feature index). Below a
 * tie the comparison goes on where both splits make the same partition. Returns the nodes compared.
 */
function expectSameTree(mine: DecisionTree, sk: SkNode, X: number[][], y: number[], w: number[], id = 0, reach: number[] = X.map((_, i) => i), path = 'root'): { nodes: number; ties: number } {
  const node = mine.nodes[id];
  expect({ path, samples: node!.samples }).toEqual({ path, samples: sk.samples });
  expect(node!.weight).toBeCloseTo(sk.weight, 9);
  expect(node!.impurity).toBeCloseTo(sk.impurity, 9);
  const total = sk.value.reduce((a, b) => a + b, 0);
  const skValue = mine.task === 'classification' ? sk.value.map((v) => v / total) : sk.value;
  node!.value.forEach((v, k) => expect(v).toBeCloseTo(skValue[k]!, 9));
  expect({ path, split: node!.feature >= 0 }).toEqual({ path, split: sk.feature !== undefined });
  if (sk.feature === undefined) return { nodes: 1, ties: 0 };
  const mineLeft = reach.filter((i) => X[i]![node!.feature]! <= node!.threshold);
  const skLeft = reach.filter((i) => X[i]![sk.feature!]! <= sk.threshold!);
  const samePartition = mineLeft.length === skLeft.length && mineLeft.every((i, k) => i === skLeft[k]);
  let ties = 0;
  if (node!.feature !== sk.feature || !samePartition) {
    const children = (left: number[]) => {
      const right = reach.filter((i) => !left.includes(i));
      return impurity(left, y, w, mine.criterion) + impurity(right, y, w, mine.criterion);
    };
    expect(children(mineLeft), `${path}: a tie`).toBeCloseTo(children(skLeft), 9);
    expect(node!.feature, `${path}: the lower feature index wins a tie`).toBeLessThan(sk.feature);
    ties = 1;
    if (!samePartition) return { nodes: 1, ties };
  }
  const right = reach.filter((i) => X[i]![node!.feature]! > node!.threshold);
  const a = expectSameTree(mine, sk.left!, X, y, w, node!.left, mineLeft, `${path}.L`);
  const b = expectSameTree(mine, sk.right!, X, y, w, node!.right, right, `${path}.R`);
  return { nodes: 1 + a.nodes + b.nodes, ties: ties + a.ties + b.ties };
}

describe('fitTree matches scikit-learn 1.2.1 on the breast-cancer data', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      let X = rows;
      let y: number[] = diagnosis;
      let featureNames = table.header;
      if (c.target !== 'diagnosis') {
        const t = table.header.indexOf(c.target);
        X = rows.map((r) => r.filter((_, j) => j !== t));
        y = rows.map((r) => r[t]!);
        featureNames = table.header.filter((_, j) => j !== t);
      }
      const sampleWeight = c.sampleWeight === 'one-two-three' ? X.map((_, i) => 1 + (i % 3)) : undefined;
      const tree = fitTree(X, y, { ...c.options, sampleWeight, featureNames });
      const compared = expectSameTree(tree, c.tree, X, y, sampleWeight ?? X.map(() => 1));
      expect(compared.nodes).toBeGreaterThanOrEqual(Math.ceil(tree.nodes.length / 2));
      expect(compared.ties).toBeLessThanOrEqual(3);
    });
  }
});
