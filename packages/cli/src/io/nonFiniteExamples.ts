/**
 * Indices of the examples whose values hold NaN or ±Infinity, and how many such values there are,
 * for flat row-major `values` of `[batch, ...]`.
 *
 * @example
 * ```ts
 * nonFiniteExamples(Float32Array.of(1, NaN, 2, 3), [2, 2]); // { examples: [0], count: 1 }
 * ```
 */
export function nonFiniteExamples(values: Float32Array, shape: readonly number[]): { examples: number[]; count: number } {
  const batch = shape[0] ?? 1;
  const per = batch > 0 ? values.length / batch : 0;
  const examples: number[] = [];
  let count = 0;
  for (let b = 0; b < batch; b++) {
    let bad = 0;
    for (let i = b * per, end = (b + 1) * per; i < end; i++) if (!Number.isFinite(values[i])) bad++;
    if (bad) examples.push(b);
    count += bad;
  }
  return { examples, count };
}
