import * as tf from '@tensorflow/tfjs-core';
import { selectTargets, type GradientRules, type ModelWith } from '@glassbox/core';

/**
 * DeepLIFT multipliers of `m` examples against their references, as Captum computes them: one
 * forward pass over `[x; ref]` (`2m` rows) with the Rescale `rules`, the target of each example
 * summed over both its rows (Captum repeats the target for the references, so references carry the
 * same upstream gradient), and the gradient with respect to `x`. Returns `(x − ref) · multipliers` and the
 * target outputs at `x` and at `ref` (for the convergence delta). Call inside `tf.tidy`.
 */
export function deepliftGradients(
  model: ModelWith<'gradients' | 'gradient-rules'>,
  x: tf.Tensor,
  ref: tf.Tensor,
  targets: readonly number[],
  rules: GradientRules,
): { attributions: tf.Tensor; fx: tf.Tensor; fRef: tf.Tensor } {
  const m = x.shape[0];
  const both = tf.concat([x, ref], 0);
  let outputs: tf.Tensor | undefined;
  const g = tf.grad((v: tf.Tensor) => {
    const out = model.forward(v, { gradientRules: rules });
    outputs = tf.keep(tf.clone(out));
    return tf.sum(selectTargets(out, [...targets, ...targets]));
  })(both);
  const attributions = tf.mul(tf.sub(x, ref), tf.slice(g, 0, m));
  const flat = tf.reshape(outputs!, [2 * m, -1]);
  outputs!.dispose();
  const fx = selectTargets(tf.slice(flat, 0, m), targets);
  const fRef = selectTargets(tf.slice(flat, m, m), targets);
  return { attributions, fx, fRef };
}
