import type { Random } from '@glassbox/core';

/** Coalitions for KernelSHAP: `m` groups per row (1 = from the input), with regression weights. */
export interface Coalitions {
  /** `count × m` row-major 0/1. */
  masks: Uint8Array;
  weights: Float64Array;
  count: number;
  /** True when every non-trivial coalition is present with its exact Shapley-kernel weight. */
  exact: boolean;
}

const logChoose = (n: number, k: number) => {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
};

/**
 * The coalitions KernelSHAP regresses on, for `m` groups and a budget of `samples` coalitions:
 * every proper non-empty coalition with the Shapley kernel weight `(m−1) / (C(m,|z|)·|z|·(m−|z|))`
 * when `2^m − 2 ≤ samples` (then the regression gives the exact Shapley values); otherwise
 * `samples` coalitions drawn with probability proportional to that kernel (size first, by its total
 * kernel mass, then a uniform subset of that size), each paired with its complement, with equal
 * weights.
 */
export function shapleyCoalitions(m: number, samples: number, random: Random): Coalitions {
  if (m <= 30 && 2 ** m - 2 <= samples) {
    const count = 2 ** m - 2;
    const masks = new Uint8Array(count * m);
    const weights = new Float64Array(count);
    for (let c = 1; c <= count; c++) {
      let size = 0;
      for (let j = 0; j < m; j++) if ((c >> j) & 1) (masks[(c - 1) * m + j] = 1), size++;
      weights[c - 1] = (m - 1) / (Math.exp(logChoose(m, size)) * size * (m - size));
    }
    return { masks, weights, count, exact: true };
  }
  const sizeMass = Array.from({ length: m - 1 }, (_, s) => (m - 1) / ((s + 1) * (m - s - 1)));
  const total = sizeMass.reduce((a, b) => a + b, 0);
  const count = Math.max(2, samples - (samples % 2));
  const masks = new Uint8Array(count * m);
  const order = Array.from({ length: m }, (_, j) => j);
  for (let r = 0; r < count; r += 2) {
    let u = random.uniform(0, total);
    let size = 1;
    while (size < m - 1 && u > sizeMass[size - 1]!) u -= sizeMass[size++ - 1]!;
    for (let j = 0; j < size; j++) {
      const k = j + random.int(m - j);
      [order[j], order[k]] = [order[k]!, order[j]!];
    }
    for (let j = 0; j < m; j++) masks[(r + 1) * m + j] = 1;
    for (let j = 0; j < size; j++) (masks[r * m + order[j]!] = 1), (masks[(r + 1) * m + order[j]!] = 0);
  }
  return { masks, weights: new Float64Array(count).fill(1), count, exact: false };
}
