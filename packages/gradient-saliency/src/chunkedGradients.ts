import * as tf from '@tensorflow/tfjs-core';
import { runChunks, targetGradients, targetGradientsWithOutputs, type ExplainContext } from '@glassbox/core';

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
  /**
   * The request's `outputs` (`[n, outputSize]` flat), to fill from the gradients' own forward pass
   * when `forward` computes the model's outputs (see `Explainer.collectsOutputs`).
   */
  outputs?: Float32Array | undefined;
}

/**
 * Per-example input gradients mapped to attributions, evaluated by core's chunk runner in chunks
 * of examples sized to the memory budget, measured on the first example's real work (its result
 * is kept: the probe costs no extra gradient).
 *
 * @example
 * ```ts
 * const { values, shape } = await chunkedGradients({
 *   forward: model.forward, inputs, targets, context, stage: 'gradient-x-input', map: (g, x) => tf.mul(g, x),
 * });
 * ```
 */
export async function chunkedGradients(req: ChunkedGradientsRequest): Promise<{ values: Float32Array; shape: number[]; chunkSize: number; chunks: number }> {
  const { forward, inputs, targets, context, stage, map, outputs } = req;
  const n = inputs.shape[0];
  const per = inputs.size / n;
  const outSize = outputs ? outputs.length / n : 0;
  const compute = (x: tf.Tensor, t: readonly number[]): tf.Tensor[] => {
    if (!outputs) return [map(targetGradients(forward, x, t), x)];
    const r = targetGradientsWithOutputs(forward, x, t);
    return [map(r.gradients, x), r.outputs];
  };
  const values = new Float32Array(inputs.size);
  const { chunkSize, chunks } = await runChunks({
    total: n,
    context,
    stage,
    cost: { measureFirst: true },
    compute: (start, end) => compute(tf.slice(inputs, start, end - start), targets.slice(start, end)),
    collect: ([chunk, out], start) => {
      values.set(chunk!, start * per);
      if (outputs && out?.length === (chunk!.length / per) * outSize) outputs.set(out, start * outSize);
    },
  });
  return { values, shape: [...inputs.shape], chunkSize, chunks };
}
