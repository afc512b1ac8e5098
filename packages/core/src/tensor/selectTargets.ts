import * as tf from '@tensorflow/tfjs-core';
import { asNoGradientError } from './asNoGradientError';
import { releaseTapeOnThrow } from './releaseTapeOnThrow';

/**
 * Picks one output per example, differentiably: `[n, ...outputShape]` → `[n]`, element
 * `targets[i]` of example i's flattened output. `targets` may be shorter than n when it tiles
 * (`n` a multiple of its length: example i uses `targets[i % targets.length]`).
 */
export function selectTargets(output: tf.Tensor, targets: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const n = output.shape[0];
    const flat = tf.reshape(output, [n, -1]);
    const size = flat.shape[1]!;
    // The mask is built here rather than with tf.oneHot, which refuses depth 1 (single-output models).
    const m = new Float32Array(n * size);
    for (let i = 0; i < n; i++) m[i * size + targets[i % targets.length]!] = 1;
    const mask = tf.tensor2d(m, [n, size]);
    return tf.sum(tf.mul(flat, mask), 1) as tf.Tensor1D;
  });
}

/**
 * Gradient of each example's target output with respect to its input, for a differentiable
 * `forward`. Returns a tensor shaped like `x`; the caller owns it. An op without a gradient throws
 * `NoGradientError` (`NO_GRADIENT`) and leaks nothing.
 */
export function targetGradients(forward: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, targets: readonly number[]): tf.Tensor {
  try {
    return tf.tidy(() => tf.grad((xi: tf.Tensor) => tf.sum(selectTargets(releaseTapeOnThrow(() => forward(xi)), targets)))(x));
  } catch (e) {
    throw asNoGradientError(e);
  }
}
