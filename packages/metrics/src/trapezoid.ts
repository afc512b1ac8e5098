/**
 * Area under a curve by the trapezoid rule.
 *
 * @example
 * ```ts
 * trapezoid([0, 0.5, 1], [1, 0.5, 0]); // 0.5
 * ```
 */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
  return area;
}
