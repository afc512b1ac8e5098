/**
 * A split threshold `t` with `lo <= t < hi` (so `x <= t` separates the two sides exactly) that
 * prints short: the decimal with the fewest digits in the middle half of the gap (the one nearest
 * the midpoint among equals), falling back to the midpoint. `lo < hi` are adjacent distinct float32 values of the feature.
 *
 * @example
 * ```ts
 * niceThreshold(16.79, 16.83); // 16.8
 * niceThreshold(0, 1);         // 0.5
 * ```
 */
export function niceThreshold(lo: number, hi: number): number {
  const mid = lo + (hi - lo) / 2;
  const a = mid - (hi - lo) / 4;
  const b = mid + (hi - lo) / 4;
  const top = Math.floor(Math.log10(Math.max(Math.abs(lo), Math.abs(hi), Number.MIN_VALUE)));
  for (let e = top + 1; e >= top - 17; e--) {
    const step = 10 ** e;
    const t = Math.round(mid / step) * step;
    // Clean the float noise of `ceil * step` by re-reading the decimal.
    const digits = Math.max(0, -e);
    const clean = digits <= 100 ? Number(t.toFixed(digits)) : t;
    for (const c of [clean, t]) {
      if (c >= a && c <= b && c >= lo && c < hi) return c === 0 ? 0 : c;
    }
  }
  return mid >= lo && mid < hi ? mid : lo;
}
