import { planChunks, type ExplainContext } from '@glassbox/core';

/**
 * Runs `work` over `[start, end)` chunks of `total` items sized by the memory budget, reporting
 * progress after each chunk and honouring abort between chunks. `work` must release its tensors
 * before it resolves (or throws).
 */
export async function forEachChunk(
  total: number,
  bytesPerItem: number,
  context: ExplainContext,
  stage: string,
  work: (start: number, end: number) => Promise<void>,
): Promise<{ chunkSize: number; chunks: number }> {
  const plan = planChunks(total, bytesPerItem, context.memoryBudgetBytes);
  context.throwIfAborted();
  for (let start = 0; start < total; start += plan.chunkSize) {
    const end = Math.min(total, start + plan.chunkSize);
    await work(start, end);
    context.progress({ stage, done: end, total });
    if (end < total) context.throwIfAborted();
  }
  return plan;
}

/**
 * Rough bytes one example needs for a forward pass of an attention model: per layer about four
 * `heads × tokens²` maps (scores, softmax, offsets, weights) and a few hundred floats per token
 * for the projections and the feed-forward network; three times that with a backward pass.
 */
export function attentionBytesPerExample(numLayers: number, numHeads: number, tokens: number, backward = false): number {
  const perLayer = numHeads * tokens * tokens * 4 + tokens * 256;
  return 4 * numLayers * perLayer * (backward ? 3 : 1);
}
