import { fuseMatrices, type Fusion } from './fuseMatrices';

/** One layer's attention and the gradient of the target output with respect to it, both `[heads, tokens, tokens]`. */
export interface LayerAttentionGradient {
  attention: Float32Array;
  gradient: Float32Array;
}

/** Options of {@link gradRolloutMatrix}. */
export interface GradRolloutOptions {
  /** Heads to use (default all). */
  heads?: readonly number[] | undefined;
  /** How the heads' positive parts are combined (default `mean`, as in the paper). */
  headFusion?: Fusion | undefined;
}

/**
 * Gradient-weighted attention rollout (Chefer, Gur & Wolf, 2021): per layer
 * `Ā = mean_h (∇A ⊙ A)⁺` (the positive part of gradient times attention, fused over heads), and
 * starting from `R = I` the layers are accumulated from the input upwards as `R ← R + Ā·R`.
 * Row `q` of `R` is the relevance of each input token for token `q` of the last layer.
 *
 * @example
 * ```ts
 * const R = gradRolloutMatrix([{ attention, gradient }], 4, 16); // 16×16, row-major
 * ```
 */
export function gradRolloutMatrix(
  layers: readonly LayerAttentionGradient[],
  heads: number,
  tokens: number,
  options: GradRolloutOptions = {},
): Float32Array {
  const { headFusion = 'mean' } = options;
  const use = options.heads ?? Array.from({ length: heads }, (_, h) => h);
  const per = tokens * tokens;
  let r = new Float64Array(per);
  for (let i = 0; i < tokens; i++) r[i * tokens + i] = 1;
  for (const { attention, gradient } of layers) {
    if (attention.length !== heads * per || gradient.length !== heads * per) {
      throw new RangeError(`attention and gradient need ${heads}×${tokens}×${tokens} values; got ${attention.length} and ${gradient.length}`);
    }
    const positive = use.map((h) => {
      const m = new Float32Array(per);
      for (let i = 0; i < per; i++) m[i] = Math.max(0, attention[h * per + i]! * gradient[h * per + i]!);
      return m;
    });
    const a = fuseMatrices(positive, headFusion);
    const next = Float64Array.from(r);
    for (let i = 0; i < tokens; i++) {
      for (let k = 0; k < tokens; k++) {
        const w = a[i * tokens + k]!;
        if (w === 0) continue;
        for (let j = 0; j < tokens; j++) next[i * tokens + j]! += w * r[k * tokens + j]!;
      }
    }
    r = next;
  }
  return Float32Array.from(r);
}
