/**
 * Ranks of `values` (0-based), ties sharing their average rank — the ranking Spearman's ρ uses.
 *
 * @example
 * ```ts
 * ranks([10, 30, 20, 20]); // [0, 3, 1.5, 1.5]
 * ```
 */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
  const out = new Float64Array(n);
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && values[order[e]!] === values[order[s]!]) e++;
    const rank = (s + e - 1) / 2;
    for (let k = s; k < e; k++) out[order[k]!] = rank;
    s = e;
  }
  return out;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]!; mb += b[i]!; }
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what} needs two equally long lists; got ${a.length} and ${b.length}`);
}

/**
 * Spearman's rank correlation ρ (Pearson correlation of average ranks), in [−1, 1]. Returns 0 when
 * either side is constant: there is no ranking to agree with.
 *
 * @example
 * ```ts
 * spearman([1, 2, 3], [10, 20, 30]); // 1
 * spearman([1, 2, 3], [3, 2, 1]);    // −1
 * ```
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'spearman');
  return pearson(ranks(a), ranks(b));
}

/**
 * Kendall's τ-b (ties corrected), in [−1, 1], in O(n log n) (Knight 1966): sort by `a`, then count
 * the exchanges a merge sort of `b` needs. Returns 0 when either side is constant.
 *
 * @example
 * ```ts
 * kendall([1, 2, 3, 4], [1, 3, 2, 4]); // 0.667 (5 concordant, 1 discordant pair)
 * ```
 */
export function kendall(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'kendall');
  const n = a.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]!);
  const pairs = (t: number) => (t * (t - 1)) / 2;
  let tiesA = 0, tiesBoth = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && a[order[e]!] === a[order[s]!]) e++;
    tiesA += pairs(e - s);
    for (let u = s; u < e; ) {
      let v = u + 1;
      while (v < e && b[order[v]!] === b[order[u]!]) v++;
      tiesBoth += pairs(v - u);
      u = v;
    }
    s = e;
  }
  let seq = Float64Array.from(order, (i) => b[i]!);
  let tmp = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (seq[j]! < seq[i]!) {
          swaps += mid - i;
          tmp[k++] = seq[j++]!;
        } else tmp[k++] = seq[i++]!;
      }
      while (i < mid) tmp[k++] = seq[i++]!;
      while (j < hi) tmp[k++] = seq[j++]!;
    }
    [seq, tmp] = [tmp, seq];
  }
  let tiesB = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && seq[e] === seq[s]) e++;
    tiesB += pairs(e - s);
    s = e;
  }
  const total = pairs(n);
  const denom = Math.sqrt((total - tiesA) * (total - tiesB));
  return denom > 0 ? (total - tiesA - tiesB + tiesBoth - 2 * swaps) / denom : 0;
}
