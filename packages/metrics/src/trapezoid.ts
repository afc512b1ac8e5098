import { areaUnderCurve } from '@glassbox/core';

/**
 * Area under a curve by the trapezoid rule, `x` first.
 *
 * @deprecated Use `areaUnderCurve(y, x)` from `@glassbox/core` (y first, as `numpy.trapz`); this
 * alias stays for 1.x.
 * @example
 * ```ts
 * trapezoid([0, 0.5, 1], [1, 0.5, 0]); // 0.5
 * ```
 */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  return areaUnderCurve(y, x);
}
