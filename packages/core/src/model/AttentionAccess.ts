import type { Tensor } from '@tensorflow/tfjs-core';

/** The result of a forward pass that records attention. */
export interface AttentionForward {
  /** Model output, `[batch, ...outputShape]`. */
  output: Tensor;
  /** One tensor per layer, each `[batch, heads, queries, keys]`, rows summing to 1. */
  attention: Tensor[];
}

/** Options of {@link AttentionAccess.forwardFromEmbeddings}. */
export interface ForwardFromEmbeddingsOptions {
  /**
   * One `[batch, heads, queries, keys]` tensor per layer, added to that layer's attention weights
   * after the softmax and before they weight the values. At zero offsets the output is unchanged,
   * and the gradient of the output with respect to an offset is its gradient with respect to the
   * attention weights (what gradient-weighted attention methods need).
   */
  attentionOffsets?: Tensor[];
  /**
   * The token ids `[batch, seq]` the embeddings came from. Models that mask padding need them: the
   * padding mask is taken from the ids, not from the (possibly interpolated) embeddings. Pass them
   * whenever you have them; models without padding ignore them.
   */
  tokenIds?: Tensor;
}

/**
 * Access to a transformer's attention, for the `attention` capability. Inputs of such models are
 * token ids `[batch, sequence]`; gradient methods start from the embedding output, because tfjs
 * cannot differentiate through an embedding lookup on every backend.
 *
 * @example
 * ```ts
 * const emb = model.attention!.embed(tokenIds);              // [b, seq, dModel]
 * const { output, attention } = model.attention!.forwardFromEmbeddings(emb, { tokenIds });
 * ```
 */
export interface AttentionAccess {
  readonly numLayers: number;
  readonly numHeads: number;
  /** Optional: ids are integers in `[0, vocabularySize)`; explainers refuse others with `INVALID_INPUT`. */
  readonly vocabularySize?: number | undefined;
  /** Optional: the padding token id (masked out of attention), when the model masks padding. */
  readonly padTokenId?: number | undefined;
  /** Token ids `[batch, seq]` (int32 or float) to embedding outputs `[batch, seq, dModel]`. */
  embed(tokenIds: Tensor): Tensor;
  /**
   * Differentiable forward pass from embedding outputs. `attentionOffsets` (one `[b, h, q, k]` tensor
   * per layer) are added to the attention weights before they are applied, so that the gradient of
   * the output with respect to an offset at zero is the gradient with respect to the attention.
   */
  forwardFromEmbeddings(embeddings: Tensor, options?: ForwardFromEmbeddingsOptions): AttentionForward;
  /** Optional: token strings for ids, so explanations name their tokens. */
  readonly decode?: ((ids: readonly number[]) => string[]) | undefined;
}
