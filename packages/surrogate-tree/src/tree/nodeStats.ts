import type { SplitData } from './splitSearch';

/** Weighted statistics of the samples in one node. */
export interface NodeStats {
  samples: number;
  weight: number;
  impurity: number;
  /** Class weights (classification) or `[sum w·y]` (regression). */
  sums: Float64Array;
  /** Class fractions or `[mean]`. */
  value: number[];
  prediction: number;
  std?: number;
  /** No split can reduce the impurity: one class, or one target value. */
  pure: boolean;
}

/** Statistics of the samples at sorted positions `[start, end)` of feature `f`. */
export function nodeStats(d: SplitData, f: number, start: number, end: number): NodeStats {
  const base = f * d.n;
  let weight = 0;
  if (d.classes) {
    const sums = new Float64Array(d.nClasses);
    for (let i = start; i < end; i++) {
      const j = d.order[base + i]!;
      const w = d.weights[j]!;
      sums[d.classes[j]!]! += w;
      weight += w;
    }
    const value = Array.from(sums, (c) => c / weight);
    let impurity = 0;
    let prediction = 0;
    let present = 0;
    for (let k = 0; k < d.nClasses; k++) {
      const q = value[k]!;
      if (q > 0) present++;
      if (q > value[prediction]!) prediction = k;
      impurity += d.criterion === 'entropy' ? (q > 0 ? -q * Math.log2(q) : 0) : q * (1 - q);
    }
    return { samples: end - start, weight, impurity, sums, value, prediction, pure: present <= 1 };
  }
  const y = d.targets!;
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const j = d.order[base + i]!;
    const w = d.weights[j]!;
    const t = y[j]!;
    weight += w;
    s += w * t;
    if (w > 0) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const mean = s / weight;
  let ss = 0;
  for (let i = start; i < end; i++) {
    const j = d.order[base + i]!;
    ss += d.weights[j]! * (y[j]! - mean) * (y[j]! - mean);
  }
  const impurity = ss / weight;
  return { samples: end - start, weight, impurity, sums: Float64Array.of(s), value: [mean], prediction: mean, std: Math.sqrt(impurity), pure: !(min < max) };
}

