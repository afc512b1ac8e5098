/**
 * Rough bytes one example needs for a forward pass of an attention model: per layer about four
 * `heads × tokens²` maps (scores, softmax, offsets, weights) and a few hundred floats per token
 * for the projections and the feed-forward network; three times that with a backward pass.
 */
export function attentionBytesPerExample(numLayers: number, numHeads: number, tokens: number, backward = false): number {
  const perLayer = numHeads * tokens * tokens * 4 + tokens * 256;
  return 4 * numLayers * perLayer * (backward ? 3 : 1);
}
