/**
 * Area under a curve by the trapezoid rule; `x` defaults to evenly spaced points on [0, 1].
 * @example `curveAuc([1, 0.5, 0]); // 0.5`
 */
export function curveAuc(y: ArrayLike<number>, x?: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const xs = (i: number) => (x ? x[i] : i / (n - 1));
  let area = 0;
  for (let i = 1; i < n; i++) area += ((y[i] + y[i - 1]) / 2) * (xs(i) - xs(i - 1));
  return area;
}
