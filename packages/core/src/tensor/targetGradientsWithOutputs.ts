import * as tf from '@tensorflow/tfjs-core';
import { asNoGradientError } from './asNoGradientError';
import { releaseTapeOnThrow } from './releaseTapeOnThrow';
import { selectTargets } from './selectTargets';

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
  let outputs: tf.Tensor | undefined;
  try {
    const gradients = tf.tidy(() =>
      tf.grad((xi: tf.Tensor) => {
        const y = releaseTapeOnThrow(() => forward(xi));
        outputs = tf.keep(y.clone());
        return tf.sum(selectTargets(y, targets));
      })(x),
    );
    return { gradients, outputs: outputs! };
  } catch (e) {
    outputs?.dispose();
    throw asNoGradientError(e);
  }
}
