import { InvalidInputError } from '@glassbox/core';
import type { DecisionTree } from './DecisionTree';
import { toDense, type Matrix } from './Matrix';
import { treeNode } from './treeNode';

const checkWidth = (tree: DecisionTree, cols: number) => {
  if (cols !== tree.featureNames.length) {
    throw new InvalidInputError(`Data has ${cols} columns; the tree was fitted on ${tree.featureNames.length} features`, {
      expected: tree.featureNames.length,
      received: cols,
    });
  }
};

/**
 * The leaf each row lands in (node ids). Rows are compared in float32, as at fit time.
 *
 * @example
 * ```ts
 * const leaves = applyTree(tree, [[5.1, 0]]); // Int32Array [2]
 * tree.nodes[leaves[0]].value;              // class fractions at that leaf
 * ```
 */
export function applyTree(tree: DecisionTree, X: Matrix): Int32Array {
  const { values, rows, cols } = toDense(X);
  checkWidth(tree, cols);
  const out = new Int32Array(rows);
  const nodes = tree.nodes;
  for (let i = 0; i < rows; i++) {
    let k = 0;
    let node = treeNode(tree, 0);
    while (node.feature >= 0) {
      k = values[i * cols + node.feature]! <= node.threshold ? node.left : node.right;
      node = nodes[k] ?? treeNode(tree, k);
    }
    out[i] = k;
  }
  return out;
}

/**
 * Predictions per row: class indices (classification) or leaf means (regression).
 *
 * @example
 * ```ts
 * predictTree(tree, [[1, 0], [9, 1]]); // Float64Array [0, 1]
 * ```
 */
export function predictTree(tree: DecisionTree, X: Matrix): Float64Array {
  const leaves = applyTree(tree, X);
  return Float64Array.from(leaves, (k) => tree.nodes[k]!.prediction);
}

/** One decision on a sample's way from the root to its leaf. */
export interface PathStep {
  node: number;
  feature: number;
  name: string;
  threshold: number;
  /** The sample's value of the feature. */
  value: number;
  /** True when the sample went left (`value <= threshold`). */
  left: boolean;
}

/**
 * The decisions that route one sample to its leaf, and the leaf.
 *
 * @example
 * ```ts
 * const { steps, leaf } = decisionPath(tree, [17.2, 0.11]);
 * steps.map((s) => `${s.name} ${s.left ? '<=' : '>'} ${s.threshold}`); // ['worst_radius > 16.8', …]
 * ```
 */
export function decisionPath(tree: DecisionTree, x: ArrayLike<number>): { steps: PathStep[]; leaf: number } {
  checkWidth(tree, x.length);
  const steps: PathStep[] = [];
  let k = 0;
  for (let node = treeNode(tree, 0); node.feature >= 0; node = treeNode(tree, k)) {
    const value = Math.fround(x[node.feature]!);
    if (!Number.isFinite(value)) throw new InvalidInputError(`Feature ${node.feature} is ${x[node.feature]}; expected a finite number`, { column: node.feature });
    const left = value <= node.threshold;
    steps.push({ node: k, feature: node.feature, name: tree.featureNames[node.feature]!, threshold: node.threshold, value, left });
    k = left ? node.left : node.right;
  }
  return { steps, leaf: k };
}
