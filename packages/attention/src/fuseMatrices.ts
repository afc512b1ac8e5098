/** How several attention matrices (heads or layers) are combined into one. */
export type Fusion = 'mean' | 'max' | 'min';

/** The fusion choices, for option schemas. */
export const FUSIONS: readonly Fusion[] = ['mean', 'max', 'min'];

/**
 * Elementwise mean, max or min of equally sized matrices (e.g. the heads of one layer).
 *
 * @example
 * ```ts
 * fuseMatrices([Float32Array.of(0, 1), Float32Array.of(1, 1)], 'mean'); // Float32Array [0.5, 1]
 * ```
 */
export function fuseMatrices(matrices: readonly Float32Array[], fusion: Fusion): Float32Array {
  const [first, ...rest] = matrices;
  if (!first) throw new RangeError('fuseMatrices needs at least one matrix');
  const n = first.length;
  const out = Float32Array.from(first);
  rest.forEach((x, r) => {
    if (x.length !== n) throw new RangeError(`matrix ${r + 1} has ${x.length} values; expected ${n}`);
    if (fusion === 'mean') for (let i = 0; i < n; i++) out[i]! += x[i]!;
    else if (fusion === 'max') for (let i = 0; i < n; i++) out[i] = Math.max(out[i]!, x[i]!);
    else for (let i = 0; i < n; i++) out[i] = Math.min(out[i]!, x[i]!);
  });
  if (fusion === 'mean' && matrices.length > 1) for (let i = 0; i < n; i++) out[i]! /= matrices.length;
  return out;
}

/**
 * Fuses the selected heads of one layer's attention `[heads, tokens, tokens]` into one
 * `tokens × tokens` matrix.
 */
export function fuseHeads(layer: Float32Array, numHeads: number, tokens: number, heads: readonly number[], fusion: Fusion): Float32Array {
  const per = tokens * tokens;
  if (layer.length !== numHeads * per) throw new RangeError(`layer has ${layer.length} values; expected ${numHeads}×${tokens}×${tokens}`);
  return fuseMatrices(
    heads.map((h) => layer.subarray(h * per, (h + 1) * per)),
    fusion,
  );
}
