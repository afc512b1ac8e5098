import type { Tensor } from '@tensorflow/tfjs-core';

/** The result of a forward pass that records attention. */
export interface AttentionForward {
  /** Model output, `[batch, ...outputShape]`. */
  output: Tensor;
  /** One tensor per layer, each `[batch, heads, queries, keys]`, rows summing to 1. */
  attention: Tensor[];
}

/**
 * Access to a transformer's attention, for the `attention` capability. Inputs of such models are
 * token ids `[batch, sequence]`; gradient methods start from the embedding output, because tfjs
 * cannot differentiate through an embedding lookup on every backend.
 *
 * @example
 * ```ts
 * const emb = model.attention!.embed(tokenIds);              // [b, seq, dModel]
 * const { output, attention } = model.attention!.forwardFromEmbeddings(emb);
 * ```
 */
export interface AttentionAccess {
  readonly numLayers: number;
  readonly numHeads: number;
  /** Token ids `[batch, seq]` (int32 or float) to embedding outputs `[batch, seq, dModel]`. */
  embed(tokenIds: Tensor): Tensor;
  /**
   * Differentiable forward pass from embedding outputs. `attentionOffsets` (one `[b, h, q, k]` tensor
   * per layer) are added to the attention weights before they are applied, so that the gradient of
   * the output with respect to an offset at zero is the gradient with respect to the attention.
   */
  forwardFromEmbeddings(embeddings: Tensor, options?: { attentionOffsets?: Tensor[] }): AttentionForward;
  /** Optional: token strings for ids, so explanations name their tokens. */
  decode?(ids: readonly number[]): string[];
}
