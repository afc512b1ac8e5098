import type { Random } from '@glassbox/core';

/**
 * A seeded shuffle of `0 … n−1` cut into a training part and a held-out part of
 * `round(n · heldOut)` rows (at least 1 and at most n − 1 when n ≥ 2). Each part is sorted.
 *
 * @example
 * ```ts
 * const { train, test } = splitRows(569, 0.25, context.random.fork('split')); // 427 / 142
 * ```
 */
export function splitRows(n: number, heldOut: number, random: Random): { train: Int32Array; test: Int32Array } {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  const k = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * heldOut)));
  return { train: idx.slice(k).sort(), test: idx.slice(0, k).sort() };
}

/** The rows `idx` of row-major `values` with `cols` columns, as a new array. */
export function takeRows(values: Float32Array, cols: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * cols);
  for (let r = 0; r < idx.length; r++) out.set(values.subarray(idx[r]! * cols, (idx[r]! + 1) * cols), r * cols);
  return out;
}

/**
 * A seeded split that keeps the class balance: `round(count · heldOut)` rows of each class are held
 * out (for fidelity or accuracy on data with rare classes). Each part is sorted.
 *
 * @example
 * ```ts
 * const { train, test } = stratifiedSplit(labels, 0.2, createRandom(7));
 * ```
 */
export function stratifiedSplit(labels: ArrayLike<number>, heldOut: number, random: Random): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of new Set(Array.from(labels))) {
    const idx = Array.from(labels, (l, i) => (l === cls ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const k = Math.round(idx.length * heldOut);
    test.push(...idx.slice(0, k));
    train.push(...idx.slice(k));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
