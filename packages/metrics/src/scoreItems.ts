import * as tf from '@tensorflow/tfjs-core';
import { measurePredictBytes, planChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

/** A batch of model inputs built on demand, and the output each is scored on. */
export interface ScoreJob {
  model: Model;
  /** Per-example input shape. */
  shape: readonly number[];
  /** Number of inputs to score. */
  count: number;
  /** Writes input `item` into `out` (one example's worth of values). */
  write(item: number, out: Float32Array): void;
  /** The flat output index input `item` is scored on. */
  target(item: number): number;
  context: ExplainContext;
  /** Progress stage name. */
  stage: string;
  /** Most inputs per model call (the memory budget may lower it). Default 256. */
  maxBatch?: number;
}

/**
 * Scores many perturbed inputs with batched model calls: builds each chunk's inputs on demand
 * (so a long curve never sits in memory at once), reads the target outputs, releases the tensors,
 * then reports progress and honours an abort before the next chunk.
 */
export async function scoreItems(job: ScoreJob): Promise<Float64Array> {
  const { model, shape, count, context } = job;
  const per = sizeOf(shape);
  const outputSize = sizeOf(model.outputShape);
  // Chunks sized from the forward pass's measured memory per input (intermediate tensors included).
  const first = new Float32Array(per);
  if (count > 0) job.write(0, first);
  const { perItem, fixed } = await measurePredictBytes(model, first);
  const { chunkSize: byBudget } = planChunks(Math.max(1, count), Math.max(perItem, per * 4 * 2), Math.max(1, context.memoryBudgetBytes - fixed));
  const chunkSize = Math.min(byBudget, job.maxBatch ?? 256);
  const scores = new Float64Array(count);
  for (let start = 0; start < count; start += chunkSize) {
    context.throwIfAborted();
    const k = Math.min(chunkSize, count - start);
    const values = new Float32Array(k * per);
    for (let j = 0; j < k; j++) job.write(start + j, values.subarray(j * per, (j + 1) * per));
    const x = tf.tensor(values, [k, ...shape]);
    let out: Float32Array;
    try {
      const y = await model.predict(x);
      out = (await y.data()) as Float32Array;
      y.dispose();
    } finally {
      x.dispose();
    }
    for (let j = 0; j < k; j++) scores[start + j] = out[j * outputSize + job.target(start + j)];
    context.progress({ stage: job.stage, done: start + k, total: count });
  }
  return scores;
}
