import { InvalidInputError, InvalidOptionError } from '@glassbox/core';
import type { DecisionTree, FeatureKind } from './DecisionTree';
import { toDense, type Matrix } from './Matrix';
import { presort } from './presort';
import { resolveTreeOptions, type FitTreeOptions } from './resolveTreeOptions';
import { findBestSplit, makeXlogxTable, type SplitData } from './splitSearch';
import { nodeStats } from './nodeStats';
import { SplitQueue, type GrowingNode } from './SplitQueue';
import { assembleTree } from './assembleTree';

/**
 * Fits a CART decision tree: classification (Gini or entropy) on class indices, or regression
 * (squared error) on numbers, with sample weights and the usual size limits. Each feature is
 * sorted once (radix sort on float32 keys); nodes own a contiguous range of every feature's
 * sorted index list, partitioned stably as the tree grows, so each level costs O(rows × features).
 * Without `maxLeafNodes` the result equals depth-first growth; with it, nodes are split
 * best-first. Deterministic: ties go to the lowest feature, then the lowest threshold.
 *
 * @example
 * ```ts
 * const tree = fitTree(
 *   { values: Float32Array.from([1, 0, 2, 1, 8, 0, 9, 1]), shape: [4, 2] },
 *   [0, 0, 1, 1],
 *   { task: 'classification', maxDepth: 3, featureNames: ['size', 'smooth'], classNames: ['benign', 'malignant'] },
 * );
 * treeToText(tree); // |--- size <= 5 …
 * ```
 */
export function fitTree(X: Matrix, y: ArrayLike<number>, options: FitTreeOptions = {}): DecisionTree {
  const o = resolveTreeOptions(options);
  const { values, rows: n, cols: p } = toDense(X);
  if (!y || y.length !== n) throw new InvalidInputError(`y has ${y?.length} values; X has ${n} rows`, { expected: n, received: y?.length });
  const weights = new Float64Array(n).fill(1);
  if (options.sampleWeight !== undefined) {
    if (options.sampleWeight.length !== n) {
      throw new InvalidInputError(`sampleWeight has ${options.sampleWeight.length} values; X has ${n} rows`, { expected: n, received: options.sampleWeight.length });
    }
    for (let i = 0; i < n; i++) {
      const w = options.sampleWeight[i]!;
      if (!Number.isFinite(w) || w < 0) throw new InvalidInputError(`sampleWeight[${i}] is ${w}; expected a finite number ≥ 0`, { row: i });
      weights[i] = w;
    }
  }
  if (!(weights.reduce((a, b) => a + b, 0) > 0)) throw new InvalidInputError('sampleWeight sums to 0; expected some positive weight');
  let classes: Int32Array | null = null;
  let targets: Float64Array | null = null;
  let nClasses = 0;
  if (o.task === 'classification') {
    classes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = y[i]!;
      if (!Number.isInteger(c) || c < 0) throw new InvalidInputError(`y[${i}] is ${c}; classification needs class indices 0, 1, 2, …`, { row: i });
      classes[i] = c;
      nClasses = Math.max(nClasses, c + 1);
    }
    if (options.classNames) {
      if (options.classNames.length < nClasses) {
        throw new InvalidOptionError(`classNames has ${options.classNames.length} names but y holds class ${nClasses - 1}`, { option: 'classNames' });
      }
      nClasses = options.classNames.length;
    }
  } else {
    targets = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = y[i]!;
      if (!Number.isFinite(t)) throw new InvalidInputError(`y[${i}] is ${t}; regression needs finite numbers`, { row: i });
      targets[i] = t;
    }
  }
  if (options.featureNames && options.featureNames.length !== p) {
    throw new InvalidOptionError(`featureNames has ${options.featureNames.length} names; X has ${p} columns`, { option: 'featureNames', expected: p });
  }
  const columns = Array.from({ length: p }, () => new Float32Array(n));
  const featureKinds: FeatureKind[] = [];
  for (let f = 0; f < p; f++) {
    const col = columns[f]!;
    let binary = true;
    for (let i = 0; i < n; i++) {
      const v = values[i * p + f]!;
      col[i] = v;
      if (v !== 0 && v !== 1) binary = false;
    }
    featureKinds.push(binary ? 'binary' : 'numeric');
  }
  const { order, sorted } = presort(columns, n);
  const d: SplitData = {
    n,
    p,
    order,
    sorted,
    classes,
    targets,
    nClasses,
    weights,
    criterion: o.criterion,
    minSamplesLeaf: o.minSamplesLeaf,
    xlogxTable: makeXlogxTable(o.criterion, weights),
  };
  const root: GrowingNode = { id: 0, start: 0, end: n, depth: 0, stats: nodeStats(d, 0, 0, n), split: null };
  const rootWeight = root.stats.weight;
  let nextId = 1;
  const consider = (b: GrowingNode): boolean => {
    const s = b.stats;
    if (s.pure || b.depth >= o.maxDepth || s.samples < o.minSamplesSplit || s.samples < 2 * o.minSamplesLeaf) return false;
    const split = findBestSplit(d, s, b.start, b.end);
    if (!split || split.decrease / rootWeight + 1e-12 < o.minImpurityDecrease) return false;
    b.split = split;
    return true;
  };
  const frontier = new SplitQueue(Number.isFinite(o.maxLeafNodes));
  if (consider(root)) frontier.push(root);
  const goLeft = new Uint8Array(n);
  const tmpIdx = new Int32Array(n);
  const tmpVal = new Float32Array(n);
  let leaves = 1;
  while (frontier.size > 0 && leaves < o.maxLeafNodes) {
    const b = frontier.pop();
    const s = b.split!;
    partition(d, goLeft, tmpIdx, tmpVal, s.feature, b.start, s.pos, b.end);
    const mid = s.pos + 1;
    const l: GrowingNode = { id: nextId++, start: b.start, end: mid, depth: b.depth + 1, stats: s.left, split: null };
    const r: GrowingNode = { id: nextId++, start: mid, end: b.end, depth: b.depth + 1, stats: s.right, split: null };
    b.children = [l, r];
    leaves++;
    if (consider(l)) frontier.push(l);
    if (consider(r)) frontier.push(r);
  }
  return assembleTree(root, o, featureKinds, options);
}

/** Stable partition of every other feature's sorted range into the split's left and right samples. */
function partition(d: SplitData, goLeft: Uint8Array, tmpIdx: Int32Array, tmpVal: Float32Array, f: number, start: number, pos: number, end: number): void {
  const { n, order, sorted } = d;
  const baseF = f * n;
  for (let i = start; i <= pos; i++) goLeft[order[baseF + i]!] = 1;
  for (let i = pos + 1; i < end; i++) goLeft[order[baseF + i]!] = 0;
  for (let g = 0; g < d.p; g++) {
    if (g === f) continue;
    const base = g * n;
    let l = base + start;
    let r = 0;
    for (let i = base + start; i < base + end; i++) {
      const j = order[i]!;
      if (goLeft[j] === 1) {
        order[l] = j;
        sorted[l] = sorted[i]!;
        l++;
      } else {
        tmpIdx[r] = j;
        tmpVal[r] = sorted[i]!;
        r++;
      }
    }
    order.set(tmpIdx.subarray(0, r), l);
    sorted.set(tmpVal.subarray(0, r), l);
  }
}

