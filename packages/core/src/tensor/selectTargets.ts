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
  return gradientsAt(forward, x, targets, false).gradients;
}

/**
 * {@link targetGradients} that also returns the forward pass's outputs `[n, ...outputShape]`, so a
 * method that takes gradients at the inputs themselves has the model's outputs without a second
 * forward pass (see `Explainer.collectsOutputs`). The caller owns both tensors; on a throw nothing
 * is left allocated.
 *
 * @example
 * ```ts
 * const { gradients, outputs } = targetGradientsWithOutputs(model.forward, x, targets);
 * ```
 */
export function targetGradientsWithOutputs(
  forward: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  targets: readonly number[],
): { gradients: tf.Tensor; outputs: tf.Tensor } {
  const r = gradientsAt(forward, x, targets, true);
  return { gradients: r.gradients, outputs: r.outputs! };
}

function gradientsAt(forward: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, targets: readonly number[], keepOutputs: boolean): { gradients: tf.Tensor; outputs?: tf.Tensor } {
  let outputs: tf.Tensor | undefined;
  try {
    const gradients = tf.tidy(() =>
      tf.grad((xi: tf.Tensor) => {
        const y = releaseTapeOnThrow(() => forward(xi));
        if (keepOutputs) outputs = tf.keep(y.clone());
        return tf.sum(selectTargets(y, targets));
      })(x),
    );
    return outputs ? { gradients, outputs } : { gradients };
  } catch (e) {
    outputs?.dispose();
    throw asNoGradientError(e);
  }
}
