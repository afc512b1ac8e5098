import * as tf from '@tensorflow/tfjs-core';

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
    const idx = tf.tensor1d(Array.from({ length: n }, (_, i) => targets[i % targets.length]), 'int32');
    const mask = tf.oneHot(idx, size, 1, 0, 'float32');
    return tf.sum(tf.mul(flat, mask), 1) as tf.Tensor1D;
  });
}

/**
 * Gradient of each example's target output with respect to its input, for a differentiable
 * `forward`. Returns a tensor shaped like `x`; the caller owns it.
 */
export function targetGradients(forward: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, targets: readonly number[]): tf.Tensor {
  return tf.tidy(() => tf.grad((xi: tf.Tensor) => tf.sum(selectTargets(forward(xi), targets)))(x));
}
