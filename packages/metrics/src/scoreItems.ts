import * as tf from '@tensorflow/tfjs-core';
import { measurePredictBytes, runChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

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
  const scores = new Float64Array(count);
  await runChunks({
    total: count,
    context,
    stage: job.stage,
    cost: { bytesPerItem: Math.max(perItem, per * 4 * 2), fixedBytes: fixed },
    maxChunkSize: job.maxBatch ?? 256,
    async computeAsync(start, end) {
      const values = new Float32Array((end - start) * per);
      for (let j = start; j < end; j++) job.write(j, values.subarray((j - start) * per, (j - start + 1) * per));
      const x = tf.tensor(values, [end - start, ...shape]);
      try {
        return await model.predict(x);
      } finally {
        x.dispose();
      }
    },
    collect: (out, start, end) => {
      for (let j = start; j < end; j++) scores[j] = out[(j - start) * outputSize + job.target(j)]!;
    },
  });
  return scores;
}
