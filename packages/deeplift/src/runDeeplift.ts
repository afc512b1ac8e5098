import * as tf from '@tensorflow/tfjs-core';
import { runChunks, type ExplainContext, type ModelWith } from '@glassbox/core';
import { deepliftGradients } from './deepliftGradients';
import { rescaleRules } from './rescaleRules';

/** What {@link runDeeplift} computes: DeepLIFT of each row of `inputs` against the same row of `references`. */
export interface DeepliftJob {
  model: ModelWith<'gradients' | 'gradient-rules'>;
  /** `[n, ...inputShape]`; not disposed. */
  inputs: tf.Tensor;
  /** `[n, ...inputShape]`; not disposed. */
  references: tf.Tensor;
  /** One flat output index per row. */
  targets: readonly number[];
  eps: number;
  context: Pick<ExplainContext, 'memoryBudgetBytes' | 'progress' | 'throwIfAborted'>;
  stage: string;
}

/**
 * DeepLIFT (Rescale) attributions row by row, in chunks of rows sized to the memory budget by
 * core's chunk runner. Rows never influence each other, so the chunking does not change the
 * answer. Returns the attributions and, per row, the target outputs at the input and the reference
 * (float64 sums are left to the caller).
 */
export async function runDeeplift(job: DeepliftJob): Promise<{ values: Float32Array; fx: Float32Array; fRef: Float32Array; chunkSize: number; chunks: number }> {
  const { model, inputs, references, targets, eps, context, stage } = job;
  const n = inputs.shape[0];
  const per = inputs.size / n;
  const rest = inputs.shape.slice(1).map(() => 1);
  const rules = rescaleRules(eps);
  const values = new Float32Array(inputs.size);
  const fx = new Float32Array(n);
  const fRef = new Float32Array(n);
  const chunk = (x: tf.Tensor, r: tf.Tensor, t: readonly number[]) => {
    const out = deepliftGradients(model, x, r, t, rules);
    return [out.attributions, out.fx, out.fRef];
  };
  const { chunkSize, chunks } = await runChunks({
    total: n,
    context,
    stage,
    cost: { measure: (m) => tf.dispose(tf.tidy(() => chunk(tf.tile(tf.slice(inputs, 0, 1), [m, ...rest]), tf.tile(tf.slice(references, 0, 1), [m, ...rest]), [targets[0]!]))) },
    compute: (start, end) => chunk(tf.slice(inputs, start, end - start), tf.slice(references, start, end - start), targets.slice(start, end)),
    collect: ([a, x, r], start) => {
      values.set(a!, start * per);
      fx.set(x!, start);
      fRef.set(r!, start);
    },
  });
  return { values, fx, fRef, chunkSize, chunks };
}

/** Per row: `Σ attributions − (f(x) − f(ref))`, summed in float64. */
export function convergenceDeltas(values: Float32Array, fx: Float32Array, fRef: Float32Array): number[] {
  const n = fx.length;
  const per = values.length / n;
  return Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < per; j++) s += values[i * per + j]!;
    return s - (fx[i]! - fRef[i]!);
  });
}
