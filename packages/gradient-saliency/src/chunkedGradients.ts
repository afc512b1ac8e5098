import * as tf from '@tensorflow/tfjs-core';
import { peakBytes, planChunks, sizeOf, targetGradients, type ExplainContext } from '@glassbox/core';

/** What {@link chunkedGradients} computes. */
export interface ChunkedGradientsRequest {
  /** Differentiable forward pass `[m, ...inputShape] → [m, ...outputShape]`. */
  forward: (x: tf.Tensor) => tf.Tensor;
  /** `[n, ...inputShape]`; not disposed. */
  inputs: tf.Tensor;
  /** One flat output index per example. */
  targets: readonly number[];
  context: Pick<ExplainContext, 'memoryBudgetBytes' | 'progress' | 'throwIfAborted'>;
  /** Progress stage name. */
  stage: string;
  /** Turns a chunk's gradients and inputs into its attributions (runs inside `tf.tidy`). */
  map: (gradients: tf.Tensor, inputs: tf.Tensor) => tf.Tensor;
}

/**
 * Per-example input gradients mapped to attributions, evaluated in chunks of examples sized to the
 * memory budget (measured on the first example, see {@link peakBytes}), with progress and an abort
 * check between chunks. Each chunk's tensors are released before the next starts.
 *
 * @example
 * ```ts
 * const { values, shape } = await chunkedGradients({
 *   forward: model.forward!, inputs, targets, context, stage: 'gradient-x-input', map: (g, x) => tf.mul(g, x),
 * });
 * ```
 */
export async function chunkedGradients(req: ChunkedGradientsRequest): Promise<{ values: Float32Array; shape: number[]; chunkSize: number; chunks: number }> {
  const { forward, inputs, targets, context, stage, map } = req;
  const n = inputs.shape[0];
  const rest = inputs.shape.slice(1);
  const per = sizeOf(rest);
  const compute = (x: tf.Tensor, t: readonly number[]) => map(targetGradients(forward, x, t), x);
  const values = new Float32Array(n * per);
  const store = async (part: tf.Tensor, i: number) => {
    try {
      values.set((await part.data()) as Float32Array, i * per);
    } finally {
      part.dispose();
    }
  };
  let chunkSize = n, start = 0;
  if (n > 1) {
    context.throwIfAborted();
    // Measured on the first example, whose result is kept: the probe costs no extra gradient. The
    // whole peak counts per item (an over-estimate by the fixed part), so chunks stay in budget.
    let first: tf.Tensor | undefined;
    const perItem = await peakBytes(() => {
      first = tf.tidy(() => compute(tf.slice(inputs, 0, 1), [targets[0]]));
    });
    await store(first!, 0);
    start = 1;
    context.progress({ stage, done: 1, total: n });
    chunkSize = planChunks(n - 1, Math.max(1, perItem), context.memoryBudgetBytes).chunkSize;
  }
  for (let i = start; i < n; i += chunkSize) {
    context.throwIfAborted();
    const k = Math.min(chunkSize, n - i);
    await store(tf.tidy(() => compute(tf.slice(inputs, i, k), targets.slice(i, i + k))), i);
    context.progress({ stage, done: i + k, total: n });
    await tf.nextFrame();
  }
  return { values, shape: [...inputs.shape], chunkSize, chunks: start + Math.ceil((n - start) / chunkSize) };
}
