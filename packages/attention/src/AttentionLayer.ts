import type { Tensor } from '@tensorflow/tfjs-core';

/** Per-call options of {@link AttentionLayer.forwardWithAttention}. */
export interface AttentionLayerCall {
  /** Key padding mask `[batch, seq]` (what tfjs-layers passes as `kwargs.mask`). */
  mask?: Tensor | null | undefined;
  /** `[batch, heads, seq, seq]` added to the attention weights after the softmax (see `AttentionAccess`). */
  offset?: Tensor | null | undefined;
  training?: boolean | undefined;
}

/**
 * What `@glassbox/attention`'s layers share: a forward pass that also returns the attention weights
 * (and accepts additive offsets), and recording of the weights of ordinary calls (`model.predict`).
 *
 * @example
 * ```ts
 * const layer = model.layers.find(isAttentionLayer)!;
 * layer.startRecording();
 * model.predict(ids);
 * const [weights] = layer.stopRecording(); // [batch, heads, seq, seq]; caller disposes
 * ```
 */
export interface AttentionLayer {
  readonly name: string;
  readonly numHeads: number;
  /** Runs the layer and returns its output and its attention weights `[batch, heads, seq, seq]`. */
  forwardWithAttention(x: Tensor, call?: AttentionLayerCall): { output: Tensor; attention: Tensor };
  /** From now on every call keeps a copy of its attention weights. */
  startRecording(): void;
  /** Stops recording and hands over the weights recorded since {@link startRecording} (caller disposes). */
  stopRecording(): Tensor[];
}

/** True for layers made by this package that expose their attention. */
export function isAttentionLayer(layer: unknown): layer is AttentionLayer {
  return (
    typeof layer === 'object' &&
    layer !== null &&
    typeof (layer as AttentionLayer).forwardWithAttention === 'function' &&
    typeof (layer as AttentionLayer).numHeads === 'number'
  );
}
