import * as tf from '@tensorflow/tfjs-core';
import { addBias, rowSoftmax, slowBroadcast } from './fastOps';
import { projectionInputs } from './projectionInputs';

/** The projection weights of one multi-head self-attention block. Kernels are `[in, out]`. */
export interface SelfAttentionWeights {
  queryKernel: tf.Tensor;
  queryBias: tf.Tensor;
  keyKernel: tf.Tensor;
  keyBias: tf.Tensor;
  valueKernel: tf.Tensor;
  valueBias: tf.Tensor;
  outputKernel: tf.Tensor;
  outputBias: tf.Tensor;
}

/** Per-call inputs of {@link selfAttention} besides the sequence. */
export interface SelfAttentionCall {
  /** Key padding mask `[batch, seq]` (bool or 0/1): keys where it is 0 get no attention. */
  mask?: tf.Tensor | null | undefined;
  /** `[batch, heads, seq, seq]`, added to the attention weights after the softmax. */
  offset?: tf.Tensor | null | undefined;
  /** Dropout rate on the attention weights while training. */
  dropout?: number | undefined;
  training?: boolean | undefined;
  /** Also return the attention weights (default true). */
  withAttention?: boolean | undefined;
}

/** What {@link selfAttention} returns: the output `[b, s, d]` and, unless not asked for, the attention `[b, heads, s, s]`. */
export interface SelfAttentionResult {
  output: tf.Tensor;
  attention: tf.Tensor | null;
}

/**
 * Scaled dot-product multi-head self-attention, differentiable: `x` `[b, s, d]` →
 * `{ output [b, s, d], attention [b, heads, s, s] }` where `attention` is the softmax of
 * `QKᵀ/√dₖ` over unmasked keys, and `output = Σ_h ((attention_h + offset_h)·V_h)·W_o,h + b_o`.
 * On the tfjs cpu backend heads run one by one with plain matrix products (no transposes, no
 * broadcasting: what that backend does fast); elsewhere all heads run batched (fewer kernels).
 */
export function selfAttention(
  x: tf.Tensor,
  w: SelfAttentionWeights,
  numHeads: number,
  call: SelfAttentionCall = {},
): SelfAttentionResult {
  return slowBroadcast() ? selfAttentionPerHead(x, w, numHeads, call) : selfAttentionBatched(x, w, numHeads, call);
}

/** {@link selfAttention} one head at a time, with no transposes and no broadcasting. */
export function selfAttentionPerHead(
  x: tf.Tensor,
  w: SelfAttentionWeights,
  numHeads: number,
  call: SelfAttentionCall = {},
): SelfAttentionResult {
  const { batch: b, seq: s, dModel: d, keyDim, flat } = projectionInputs(x, w, numHeads);
  const project = (kernel: tf.Tensor, bias: tf.Tensor, h: number) =>
    tf.reshape(
      addBias(tf.matMul(flat, tf.slice(kernel, [0, h * keyDim], [d, keyDim]) as tf.Tensor2D), tf.slice(bias, [h * keyDim], [keyDim])),
      [b, s, keyDim],
    ) as tf.Tensor3D;
  // −1e9 on masked keys, as a full [b, s, s] tensor built by a product with ones.
  const maskBias = call.mask
    ? tf.matMul(tf.ones([b, s, 1]) as tf.Tensor3D, tf.reshape(tf.mul(tf.sub(1, tf.cast(call.mask, 'float32')), -1e9), [b, 1, s]) as tf.Tensor3D)
    : null;
  const maps: tf.Tensor[] = [];
  let output: tf.Tensor | null = null;
  for (let h = 0; h < numHeads; h++) {
    const q = project(w.queryKernel, w.queryBias, h);
    const k = project(w.keyKernel, w.keyBias, h);
    const v = project(w.valueKernel, w.valueBias, h);
    let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(keyDim));
    if (maskBias) scores = tf.add(scores, maskBias);
    const attention = rowSoftmax(scores) as tf.Tensor3D;
    maps.push(attention);
    let weights: tf.Tensor3D = attention;
    if (call.offset) weights = tf.add(weights, tf.reshape(tf.slice(call.offset, [0, h, 0, 0], [b, 1, s, s]), [b, s, s]));
    if (call.training && call.dropout) weights = tf.dropout(weights, call.dropout) as tf.Tensor3D;
    const context = tf.reshape(tf.matMul(weights, v), [b * s, keyDim]) as tf.Tensor2D;
    const part = tf.matMul(context, tf.slice(w.outputKernel, [h * keyDim, 0], [keyDim, d]) as tf.Tensor2D);
    output = output ? tf.add(output, part) : part;
  }
  const attention = call.withAttention === false ? null : tf.stack(maps, 1);
  return { output: tf.reshape(addBias(output!, w.outputBias), [b, s, d]), attention };
}

/** {@link selfAttention} with all heads batched (transposes and broadcasting ops). */
export function selfAttentionBatched(
  x: tf.Tensor,
  w: SelfAttentionWeights,
  numHeads: number,
  call: SelfAttentionCall = {},
): SelfAttentionResult {
  const { batch: b, seq: s, dModel: d, inner, keyDim, flat } = projectionInputs(x, w, numHeads);
  const project = (kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.transpose(tf.reshape(tf.add(tf.matMul(flat, kernel as tf.Tensor2D), bias), [b, s, numHeads, keyDim]), [0, 2, 1, 3]) as tf.Tensor4D;
  const q = project(w.queryKernel, w.queryBias);
  const k = project(w.keyKernel, w.keyBias);
  const v = project(w.valueKernel, w.valueBias);
  let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(keyDim));
  if (call.mask) scores = tf.add(scores, tf.reshape(tf.mul(tf.sub(1, tf.cast(call.mask, 'float32')), -1e9), [b, 1, 1, s]));
  const attention = tf.softmax(scores);
  let weights: tf.Tensor = call.offset ? tf.add(attention, call.offset) : attention;
  if (call.training && call.dropout) weights = tf.dropout(weights, call.dropout);
  const context = tf.reshape(tf.transpose(tf.matMul(weights as tf.Tensor4D, v), [0, 2, 1, 3]), [b * s, inner]) as tf.Tensor2D;
  const output = tf.reshape(tf.add(tf.matMul(context, w.outputKernel as tf.Tensor2D), w.outputBias), [b, s, d]);
  return { output, attention: call.withAttention === false ? null : attention };
}
