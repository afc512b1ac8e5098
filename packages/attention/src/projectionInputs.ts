import * as tf from '@tensorflow/tfjs-core';
import type { SelfAttentionWeights } from './selfAttention';

/** The sizes of a self-attention call and its sequence flattened for the projections. */
export interface ProjectionInputs {
  batch: number;
  seq: number;
  dModel: number;
  /** Size of all heads together (columns of the query kernel). */
  inner: number;
  /** Size of one head. */
  keyDim: number;
  /** `x` as `[batch · seq, dModel]`, the left operand of every projection. */
  flat: tf.Tensor2D;
}

/** Reads the sizes of self-attention on `x` `[batch, seq, dModel]` and flattens `x` for the projections. */
export function projectionInputs(x: tf.Tensor, w: SelfAttentionWeights, numHeads: number): ProjectionInputs {
  const [batch, seq, dModel] = x.shape as [number, number, number];
  const inner = w.queryKernel.shape[1]!;
  const keyDim = inner / numHeads;
  const flat = tf.reshape(x, [batch * seq, dModel]) as tf.Tensor2D;
  return { batch, seq, dModel, inner, keyDim, flat };
}
