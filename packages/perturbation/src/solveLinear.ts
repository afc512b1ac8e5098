/**
 * Solves the symmetric system `A z = b` (`A` row-major `k × k`) by Gaussian elimination with
 * partial pivoting, in float64. A tiny ridge `lambda` on the diagonal keeps rank-deficient designs
 * solvable (least-norm-like). Returns `z`.
 */
export function solveLinear(a: Float64Array, b: Float64Array, k: number, lambda = 0): Float64Array {
  const m = Float64Array.from(a);
  const z = Float64Array.from(b);
  for (let i = 0; i < k; i++) m[i * k + i]! += lambda;
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r * k + c]!) > Math.abs(m[p * k + c]!)) p = r;
    if (p !== c) {
      for (let j = 0; j < k; j++) [m[c * k + j], m[p * k + j]] = [m[p * k + j]!, m[c * k + j]!];
      [z[c], z[p]] = [z[p]!, z[c]!];
    }
    const d = m[c * k + c]!;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = c + 1; r < k; r++) {
      const f = m[r * k + c]! / d;
      if (f === 0) continue;
      for (let j = c; j < k; j++) m[r * k + j]! -= f * m[c * k + j]!;
      z[r]! -= f * z[c]!;
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = z[c]!;
    for (let j = c + 1; j < k; j++) s -= m[c * k + j]! * z[j]!;
    const d = m[c * k + c]!;
    z[c] = Math.abs(d) < 1e-300 ? 0 : s / d;
  }
  return z;
}

/**
 * Weighted least squares `min Σ_r w_r (y_r − x_r · β)²` over rows `x` (`rows × k`, row-major),
 * through the normal equations in float64. `lambda` adds a ridge penalty.
 */
export function weightedLeastSquares(x: Float64Array, y: Float64Array, w: Float64Array, k: number, lambda = 0): Float64Array {
  const rows = y.length;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const wr = w[r]!;
    if (wr === 0) continue;
    const o = r * k;
    for (let i = 0; i < k; i++) {
      const xi = x[o + i]! * wr;
      if (xi === 0) continue;
      xty[i]! += xi * y[r]!;
      for (let j = 0; j < k; j++) xtx[i * k + j]! += xi * x[o + j]!;
    }
  }
  return solveLinear(xtx, xty, k, lambda);
}
