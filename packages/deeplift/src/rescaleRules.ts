import * as tf from '@tensorflow/tfjs-core';
import type { GradientRule, GradientRules } from '@glassbox/core';

/**
 * The two halves of a `[2m, …]` batch (inputs, then their references) and the input difference
 * repeated for both halves, as DeepLIFT's rules see them.
 */
function halves(t: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return tf.split(t, 2, 0) as [tf.Tensor, tf.Tensor];
}
const twice = (t: tf.Tensor) => tf.concat([t, t], 0);

/** `where(|Δin| < eps, trueGradient, numerator / Δin)` without dividing by zero. */
function rescaled(deltaIn: tf.Tensor, numerator: tf.Tensor, trueGradient: () => tf.Tensor, eps: number): tf.Tensor {
  const small = tf.less(tf.abs(deltaIn), eps);
  const safe = tf.where(small, tf.onesLike(deltaIn), deltaIn);
  return tf.where(small, trueGradient(), tf.div(numerator, safe));
}

/** Element-wise Rescale rule: multiplier `Δout / Δin` per unit (true gradient where `|Δin| < eps`). */
function elementwise(eps: number): GradientRule {
  return ({ x, y, dy, gradient }) => {
    const [xi, xr] = halves(x);
    const [yi, yr] = halves(y);
    return rescaled(twice(tf.sub(xi, xr)), tf.mul(dy, twice(tf.sub(yi, yr))), gradient, eps);
  };
}

/**
 * Captum's `nn.Softmax` rule: the Rescale multipliers minus their mean. Captum takes the mean over
 * the whole `[2m, C]` gradient, which couples the examples of a batch; here it is taken per example
 * over its two rows (input and reference, `2C` values), which is exactly Captum's answer for that
 * example explained alone.
 */
function softmax(eps: number): GradientRule {
  return (args) => {
    const unnorm = elementwise(eps)(args);
    const m = unnorm.shape[0] / 2;
    const per = unnorm.size / unnorm.shape[0];
    const pairs = tf.reshape(unnorm, [2, m, per]);
    const mean = tf.div(tf.sum(tf.sum(pairs, 2, true), 0, true), 2 * per);
    return tf.reshape(tf.sub(pairs, mean), unnorm.shape);
  };
}

/**
 * Captum's max-pooling rule: with `M = max(out, out_ref)`, the upstream gradient times
 * `[M − out_ref ; out − M]` is max-unpooled (to the argmax of each half), the two halves are
 * added, and divided by `Δin` (true gradient where `|Δin| < eps`).
 */
function maxPool(eps: number): GradientRule {
  return ({ x, y, dy, gradient }) => {
    const [xi, xr] = halves(x);
    const [yi, yr] = halves(y);
    const top = tf.maximum(yi, yr);
    const unpooled = gradient(tf.mul(dy, tf.concat([tf.sub(top, yr), tf.sub(yi, top)], 0)));
    const [a, b] = halves(unpooled);
    return rescaled(twice(tf.sub(xi, xr)), twice(tf.add(a, b)), gradient, eps);
  };
}

/**
 * DeepLIFT's Rescale rules as Captum 0.8 applies them, for a forward pass over a batch
 * `[inputs; references]` (`2m` rows, example `i` paired with row `m + i`): element-wise
 * nonlinearities (ReLU, ReLU6, leaky ReLU, ELU, SELU, sigmoid, tanh, softplus, clip), softmax and
 * max pooling. Give them to a model with the `gradient-rules` capability.
 *
 * @example
 * ```ts
 * const rules = rescaleRules();
 * const g = tf.grad((v) => tf.sum(model.forward(v, { gradientRules: rules })))(tf.concat([x, ref]));
 * ```
 */
export function rescaleRules(eps = 1e-10): GradientRules {
  const e = elementwise(eps);
  return { Relu: e, Relu6: e, LeakyRelu: e, Elu: e, Selu: e, Sigmoid: e, Tanh: e, Softplus: e, ClipByValue: e, Softmax: softmax(eps), MaxPool: maxPool(eps) };
}
