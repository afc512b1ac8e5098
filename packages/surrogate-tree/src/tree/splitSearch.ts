import type { TreeCriterion } from './DecisionTree';
import { nodeStats, type NodeStats } from './nodeStats';

/** The presorted training set the split search scans (see `presort`). */
export interface SplitData {
  n: number;
  p: number;
  /** `order[f * n + i]`: sample index; each node owns the same range `[start, end)` in every feature. */
  order: Int32Array;
  /** The feature values in `order`'s order. */
  sorted: Float32Array;
  /** Class index per sample (classification) … */
  classes: Int32Array | null;
  /** … or target per sample (regression). */
  targets: Float64Array | null;
  nClasses: number;
  weights: Float64Array;
  criterion: TreeCriterion;
  minSamplesLeaf: number;
  /** Entropy with integer weights: `k·ln k` for k = 0 … total weight (saves four logs per sample). */
  xlogxTable: Float64Array | null;
}

/** The `k·ln k` table for {@link SplitData.xlogxTable}, or null when weights are not small integers. */
export function makeXlogxTable(criterion: TreeCriterion, weights: Float64Array): Float64Array | null {
  if (criterion !== 'entropy') return null;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!Number.isInteger(w)) return null;
    total += w;
  }
  if (total > 1 << 24) return null;
  const t = new Float64Array(total + 1);
  for (let k = 1; k <= total; k++) t[k] = k * Math.log(k);
  return t;
}

/** A node's best split and the statistics of its two sides. */
export interface Split {
  feature: number;
  /** Last position of the left side in the node's sorted range. */
  pos: number;
  lo: number;
  hi: number;
  left: NodeStats;
  right: NodeStats;
  /** Weighted impurity decrease, `(W·imp − W_L·imp_L − W_R·imp_R) / W_root` is computed by the caller. */
  decrease: number;
}

const xlogx = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/** Best candidate of one feature: its position and score (higher is better), or pos -1. */
interface Candidate {
  pos: number;
  score: number;
}

/**
 * Scans feature `f`'s sorted range once with running sums and returns the best boundary between
 * distinct values that leaves `minSamplesLeaf` samples and positive weight on each side. The
 * score is the criterion's proxy: Σc²/W per side (Gini), −Σ W·H per side (entropy, nats),
 * S²/W per side (squared error). Loops are specialised per criterion (this is the hot path).
 */
function scanFeature(d: SplitData, node: NodeStats, f: number, start: number, end: number, left: Float64Array): Candidate {
  const { order, sorted, weights, minSamplesLeaf } = d;
  const base = f * d.n;
  const W = node.weight;
  const minW = W * 1e-12;
  const tot = node.sums;
  const K = d.nClasses;
  const firstCandidate = start + minSamplesLeaf - 1;
  const lastCandidate = end - minSamplesLeaf - 1;
  let bestPos = -1;
  let best = -Infinity;
  let WL = 0;
  if (d.criterion === 'squared_error') {
    const y = d.targets!;
    let sL = 0;
    for (let i = start; i <= lastCandidate; i++) {
      const j = order[base + i]!;
      const wi = weights[j]!;
      sL += wi * y[j]!;
      WL += wi;
      if (i < firstCandidate || sorted[base + i] === sorted[base + i + 1]) continue;
      const WR = W - WL;
      if (WL <= minW || WR <= minW) continue;
      const sR = tot[0]! - sL;
      const score = (sL * sL) / WL + (sR * sR) / WR;
      if (bestPos < 0 || score > best + 1e-12 * Math.abs(best)) {
        best = score;
        bestPos = i;
      }
    }
    return { pos: bestPos, score: best };
  }
  const cls = d.classes!;
  left.fill(0);
  if (d.criterion === 'gini') {
    let sqL = 0;
    let sqR = 0;
    for (let k = 0; k < K; k++) sqR += tot[k]! * tot[k]!;
    for (let i = start; i <= lastCandidate; i++) {
      const j = order[base + i]!;
      const wi = weights[j]!;
      const k = cls[j]!;
      const c = left[k]!;
      sqL += wi * (2 * c + wi);
      sqR -= wi * (2 * (tot[k]! - c) - wi);
      left[k] = c + wi;
      WL += wi;
      if (i < firstCandidate || sorted[base + i] === sorted[base + i + 1]) continue;
      const WR = W - WL;
      if (WL <= minW || WR <= minW) continue;
      const score = sqL / WL + sqR / WR;
      if (bestPos < 0 || score > best + 1e-12 * Math.abs(best)) {
        best = score;
        bestPos = i;
      }
    }
    return { pos: bestPos, score: best };
  }
  let eL = 0;
  let eR = 0;
  const T = d.xlogxTable;
  for (let k = 0; k < K; k++) eR += xlogx(tot[k]!);
  for (let i = start; i <= lastCandidate; i++) {
    const j = order[base + i]!;
    const wi = weights[j]!;
    const k = cls[j]!;
    const c = left[k]!;
    const r = tot[k]! - c;
    if (T) {
      eL += T[(c + wi) | 0]! - T[c | 0]!;
      eR += T[(r - wi) | 0]! - T[r | 0]!;
    } else {
      eL += xlogx(c + wi) - xlogx(c);
      eR += xlogx(Math.max(0, r - wi)) - xlogx(r);
    }
    left[k] = c + wi;
    WL += wi;
    if (i < firstCandidate || sorted[base + i] === sorted[base + i + 1]) continue;
    const WR = W - WL;
    if (WL <= minW || WR <= minW) continue;
    const score = T ? eL + eR - T[WL | 0]! - T[WR | 0]! : eL + eR - xlogx(WL) - xlogx(WR);
    if (bestPos < 0 || score > best + 1e-12 * Math.abs(best)) {
      best = score;
      bestPos = i;
    }
  }
  return { pos: bestPos, score: best };
}

/**
 * The best split of the node at sorted positions `[start, end)`, or null when no split leaves
 * `minSamplesLeaf` samples and positive weight on both sides. One pass per feature over its sorted
 * range with running sums (O(1) per sample for Gini, entropy and squared error).
 * Ties (within 1e-12 relative) go to the lowest feature index, then the lowest threshold.
 */
export function findBestSplit(d: SplitData, node: NodeStats, start: number, end: number): Split | null {
  const left = new Float64Array(Math.max(1, d.nClasses));
  let best = -Infinity;
  let bestF = -1;
  let bestPos = -1;
  for (let f = 0; f < d.p; f++) {
    const base = f * d.n;
    if (d.sorted[base + start] === d.sorted[base + end - 1]) continue;
    const c = scanFeature(d, node, f, start, end, left);
    if (c.pos >= 0 && (bestF < 0 || c.score > best + 1e-12 * Math.abs(best))) {
      best = c.score;
      bestF = f;
      bestPos = c.pos;
    }
  }
  if (bestF < 0) return null;
  const base = bestF * d.n;
  const l = nodeStats(d, bestF, start, bestPos + 1);
  const r = nodeStats(d, bestF, bestPos + 1, end);
  const decrease = Math.max(0, node.weight * node.impurity - l.weight * l.impurity - r.weight * r.impurity);
  return { feature: bestF, pos: bestPos, lo: d.sorted[base + bestPos]!, hi: d.sorted[base + bestPos + 1]!, left: l, right: r, decrease };
}
