/**
 * The convergence deltas as one readable line: each one for up to `listed` examples, else the
 * largest |delta| (and its example) and the mean |delta|, the full list being in the output file.
 *
 * @example
 * ```ts
 * describeDeltas([1e-4, -2e-3]); // "1.00e-4, -2.00e-3"
 * ```
 */
export function describeDeltas(deltas: readonly number[], listed = 8): string {
  if (deltas.length <= listed) return deltas.map((d) => d.toExponential(2)).join(', ');
  let worst = 0;
  let sum = 0;
  deltas.forEach((d, i) => {
    const a = Math.abs(d);
    sum += a;
    const w = Math.abs(deltas[worst]!);
    if (!Number.isNaN(w) && !(a <= w)) worst = i; // a NaN is the worst and stays so
  });
  return `max |δ| ${Math.abs(deltas[worst]!).toExponential(2)} (example ${worst}), mean |δ| ${(sum / deltas.length).toExponential(2)} over ${deltas.length} examples`;
}
