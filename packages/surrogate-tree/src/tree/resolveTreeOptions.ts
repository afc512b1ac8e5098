import { InvalidOptionError } from '@glassbox/core';
import type { TreeCriterion, TreeTask } from './DecisionTree';

/** Options of {@link fitTree}. Defaults follow CART as in scikit-learn (a fully grown tree). */
export interface FitTreeOptions {
  /** Default `classification` (targets are class indices 0..K−1). */
  task?: TreeTask | undefined;
  /** Default `gini` for classification, `squared_error` for regression. */
  criterion?: TreeCriterion | undefined;
  /** Longest root-to-leaf path; 0 is a single leaf. Default unlimited. */
  maxDepth?: number | undefined;
  /** Fewest samples a leaf may hold (unweighted). Default 1. */
  minSamplesLeaf?: number | undefined;
  /** Fewest samples a node needs to be split (unweighted). Default 2. */
  minSamplesSplit?: number | undefined;
  /** A split must reduce the weighted impurity, as a fraction of the root's weight, by at least this. Default 0. */
  minImpurityDecrease?: number | undefined;
  /** Grow best-first (largest impurity decrease first) up to this many leaves. Default unlimited. */
  maxLeafNodes?: number | undefined;
  /** Non-negative weight per sample (default 1 each). */
  sampleWeight?: ArrayLike<number> | undefined;
  /** One name per column (default `x0`, `x1`, …). */
  featureNames?: readonly string[] | undefined;
  /** Classification: one name per class (default `class 0`, …); also fixes the class count. */
  classNames?: readonly string[] | undefined;
  /** What the tree predicts, for rule text (e.g. `P(malignant)`). */
  targetName?: string | undefined;
}

/** Fully resolved {@link FitTreeOptions}. */
export interface ResolvedTreeOptions {
  task: TreeTask;
  criterion: TreeCriterion;
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  minImpurityDecrease: number;
  maxLeafNodes: number;
}

const bad = (option: string, expected: string, received: unknown): never => {
  throw new InvalidOptionError(`fitTree option "${option}": expected ${expected}, got ${JSON.stringify(received)}`, {
    option,
    expected,
    received: received as never,
  });
};

const count = (option: string, value: unknown, fallback: number, min: number, allowInfinity = false): number => {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Infinity) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    return bad(option, `an integer ≥ ${min}${allowInfinity ? ' (or Infinity)' : ''}`, value);
  }
  return value;
};

/** Validates and fills the tree-shape options of {@link fitTree}; throws `InvalidOptionError`. */
export function resolveTreeOptions(o: FitTreeOptions): ResolvedTreeOptions {
  const task = o.task ?? 'classification';
  if (task !== 'classification' && task !== 'regression') bad('task', "'classification' or 'regression'", task);
  const allowed: [TreeCriterion, ...TreeCriterion[]] = task === 'classification' ? ['gini', 'entropy'] : ['squared_error'];
  const criterion = o.criterion ?? allowed[0];
  if (!allowed.includes(criterion)) bad('criterion', `${allowed.map((c) => `'${c}'`).join(' or ')} for ${task}`, criterion);
  const d = o.minImpurityDecrease ?? 0;
  if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) bad('minImpurityDecrease', 'a number ≥ 0', d);
  return {
    task,
    criterion,
    maxDepth: count('maxDepth', o.maxDepth, Infinity, 0, true),
    minSamplesLeaf: count('minSamplesLeaf', o.minSamplesLeaf, 1, 1),
    minSamplesSplit: count('minSamplesSplit', o.minSamplesSplit, 2, 2),
    minImpurityDecrease: d,
    maxLeafNodes: count('maxLeafNodes', o.maxLeafNodes, Infinity, 2, true),
  };
}
