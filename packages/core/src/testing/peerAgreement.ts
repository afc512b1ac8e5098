/** Tolerance of {@link peerAgreement}: per example, `|got − ref| ≤ rtol · scale + atol`. */
export interface PeerTolerance {
  /** Relative tolerance (default 1e-4). */
  rtol?: number;
  /** Absolute tolerance (default 1e-7). */
  atol?: number;
  /** The scale of example `i` (default: `max |ref_i|`). */
  scale?: (i: number, reference: readonly number[]) => number;
}

/** How far an answer is from a peer's, per the tolerance. */
export interface PeerAgreement {
  /** The worst per-example ratio of `max |got − ref|` to the allowed error: ≤ 1 agrees. */
  ratio: number;
  /** The example with the worst ratio, its largest difference and what was allowed there. */
  example: number;
  maxDiff: number;
  allowed: number;
}

/**
 * Compares flat values with a peer's reference answers (one row per example, e.g. Captum's
 * float64 attributions): per example, the largest difference over the allowed
 * `rtol · scale + atol` (scale `max |ref|` unless given). Returns the worst ratio rather than a
 * boolean, so that a failing test says by how much.
 *
 * @example
 * ```ts
 * const ref = await captumReference();
 * const e = await saliency().explain(await ref.model(), ref.inputs, { target: ref.targets });
 * expect(peerAgreement(e.attributions, ref.case('saliency.json')[0].attributions).ratio).toBeLessThanOrEqual(1);
 * ```
 */
export function peerAgreement(got: ArrayLike<number>, reference: readonly (readonly number[])[], tolerance: PeerTolerance = {}): PeerAgreement {
  const { rtol = 1e-4, atol = 1e-7 } = tolerance;
  const scaleOf = tolerance.scale ?? ((_: number, row: readonly number[]) => row.reduce((m, r) => Math.max(m, Math.abs(r)), 0));
  const size = reference.reduce((s, row) => s + row.length, 0);
  if (got.length !== size) throw new Error(`peerAgreement: got ${got.length} values; the reference has ${size}`);
  let worst: PeerAgreement = { ratio: 0, example: 0, maxDiff: 0, allowed: 0 };
  let offset = 0;
  reference.forEach((row, i) => {
    let maxDiff = 0;
    row.forEach((r, j) => (maxDiff = Math.max(maxDiff, Math.abs(got[offset + j]! - r))));
    const allowed = rtol * scaleOf(i, row) + atol;
    const ratio = Number.isNaN(maxDiff) ? Infinity : maxDiff === 0 ? 0 : maxDiff / allowed;
    if (ratio > worst.ratio || i === 0) worst = { ratio, example: i, maxDiff, allowed };
    offset += row.length;
  });
  return worst;
}
