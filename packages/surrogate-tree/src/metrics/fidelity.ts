/**
 * Weighted share of positions where `predicted` equals `reference` (the model's own labels, for
 * a surrogate's fidelity). 1 is a perfect mimic.
 *
 * @example
 * ```ts
 * accuracy([0, 1, 1], [0, 1, 0]); // 0.667
 * ```
 */
export function accuracy(reference: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let hit = 0;
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const w = weights ? weights[i]! : 1;
    total += w;
    if (reference[i] === predicted[i]) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

/**
 * Weighted coefficient of determination of `predicted` against `reference`: 1 − SS_res / SS_tot.
 * 1 is a perfect mimic, 0 is no better than the mean, negative is worse. When `reference` is
 * constant it is 1 for an exact fit and 0 otherwise (as in scikit-learn).
 *
 * @example
 * ```ts
 * r2Score([1, 2, 3], [1, 2, 4]); // 0.5
 * ```
 */
export function r2Score(reference: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let W = 0;
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const w = weights ? weights[i]! : 1;
    W += w;
    s += w * reference[i]!;
  }
  if (!(W > 0)) return 0;
  const mean = s / W;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < reference.length; i++) {
    const w = weights ? weights[i]! : 1;
    res += w * (reference[i]! - predicted[i]!) ** 2;
    tot += w * (reference[i]! - mean) ** 2;
  }
  if (tot <= 1e-12 * Math.max(1e-300, W * mean * mean)) return res <= 1e-12 * Math.max(1e-300, W * mean * mean) ? 1 : 0;
  return 1 - res / tot;
}
