/** Options of {@link rolloutMatrix}. */
export interface RolloutOptions {
  /** Fraction in [0, 1) of each layer's weakest attention links set to zero before the residual is added. */
  discardRatio?: number | undefined;
  /**
   * The real (non-padding) tokens. The ratio counts only links between real tokens: the masked
   * zeros of padding would otherwise fill the discarded fraction. Default: all tokens.
   */
  active?: readonly boolean[] | undefined;
}

/**
 * Zeroes the `ratio` fraction of smallest entries of `a` (ties broken by position), in place.
 * Used by rollout and flow to drop the weakest links of each layer. With `active` (per token, for
 * a `tokens × tokens` matrix), only links between active tokens are counted and dropped, so that
 * padding's masked zeros do not use up the fraction.
 */
export function discardWeakest(a: Float32Array, ratio: number, active?: readonly boolean[]): Float32Array {
  const tokens = active ? active.length : 0;
  const counted = (i: number) => !active || (active[Math.floor(i / tokens)] && active[i % tokens]);
  const pool: number[] = [];
  for (let i = 0; i < a.length; i++) if (counted(i)) pool.push(a[i]!);
  const k = Math.floor(ratio * pool.length);
  if (k <= 0) return a;
  const threshold = Float32Array.from(pool).sort()[k - 1]!; // 1 ≤ k ≤ pool.length
  let below = 0;
  for (const v of pool) if (v < threshold) below++;
  let tiesToDrop = k - below;
  for (let i = 0; i < a.length; i++) {
    if (!counted(i)) continue;
    if (a[i]! < threshold) a[i] = 0;
    else if (a[i] === threshold && tiesToDrop > 0) {
      a[i] = 0;
      tiesToDrop--;
    }
  }
  return a;
}

/**
 * One layer's attention with the residual connection: `(A + I)` with rows renormalised to sum to 1
 * (for attention whose rows sum to 1 this is `0.5·A + 0.5·I`). A row that sums to 0 stays the identity row.
 */
export function withResidual(attention: Float32Array, tokens: number): Float32Array {
  const out = Float32Array.from(attention);
  for (let i = 0; i < tokens; i++) {
    const row = i * tokens;
    out[row + i]! += 1;
    let sum = 0;
    for (let j = 0; j < tokens; j++) sum += out[row + j]!;
    for (let j = 0; j < tokens; j++) out[row + j]! /= sum;
  }
  return out;
}

/**
 * Attention rollout (Abnar & Zuidema, 2020): per layer the (head-fused) attention gets the residual
 * connection added and its rows renormalised, `Â = norm(A + I)`, and the layers are multiplied from
 * the input upwards: `R = Â_L · … · Â_1`. Row `q` of `R` says how much each input token flows into
 * token `q` of the last layer. Matrices are `tokens × tokens`, row-major, rows are queries.
 *
 * @example
 * ```ts
 * const identity = Float32Array.of(1, 0, 0, 1);
 * rolloutMatrix([identity, identity], 2); // the identity
 * ```
 */
export function rolloutMatrix(layers: readonly Float32Array[], tokens: number, options: RolloutOptions = {}): Float32Array {
  const { discardRatio = 0, active } = options;
  let r = new Float64Array(tokens * tokens);
  for (let i = 0; i < tokens; i++) r[i * tokens + i] = 1;
  for (const layer of layers) {
    if (layer.length !== tokens * tokens) throw new RangeError(`layer has ${layer.length} values; expected ${tokens}×${tokens}`);
    const a = withResidual(discardWeakest(Float32Array.from(layer), discardRatio, active), tokens);
    const next = new Float64Array(tokens * tokens);
    for (let i = 0; i < tokens; i++) {
      const row = i * tokens;
      for (let k = 0; k < tokens; k++) {
        const w = a[row + k]!;
        if (w === 0) continue;
        const rk = k * tokens;
        for (let j = 0; j < tokens; j++) next[row + j]! += w * r[rk + j]!;
      }
    }
    r = next;
  }
  return Float32Array.from(r);
}
