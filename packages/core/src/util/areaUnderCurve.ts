/**
 * Area under a curve by the trapezoid rule, `y` first as in `numpy.trapz(y, x)`; `x` defaults to
 * evenly spaced points on [0, 1]. Fewer than two points have no area (0). The one implementation
 * behind metrics' deletion/insertion AUC and viz's curve labels.
 *
 * @example
 * ```ts
 * areaUnderCurve([1, 0.5, 0]);         // 0.5
 * areaUnderCurve([2, 2], [0, 3]);      // 6
 * ```
 */
export function areaUnderCurve(y: ArrayLike<number>, x?: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const xs = (i: number) => (x ? x[i]! : i / (n - 1));
  let area = 0;
  for (let i = 1; i < n; i++) area += ((y[i]! + y[i - 1]!) / 2) * (xs(i) - xs(i - 1));
  return area;
}
