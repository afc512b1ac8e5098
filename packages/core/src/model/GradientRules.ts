import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

/**
 * The tfjs kernels whose backward pass a {@link GradientRule} may replace: the nonlinearities
 * (element-wise activations, softmax and max pooling), with the names of their tensor inputs.
 * Linear kernels (matMul, conv, add, average pooling …) always keep their true gradient.
 */
export const RULE_KERNELS = {
  Relu: ['x'],
  Relu6: ['x'],
  LeakyRelu: ['x'],
  Elu: ['x'],
  Selu: ['x'],
  Sigmoid: ['x'],
  Tanh: ['x'],
  Softplus: ['x'],
  ClipByValue: ['x'],
  Softmax: ['logits'],
  MaxPool: ['x'],
} as const satisfies Record<string, readonly string[]>;

/** A kernel whose gradient can be overridden (a key of {@link RULE_KERNELS}). */
export type RuleKernel = keyof typeof RULE_KERNELS;

/** What a {@link GradientRule} receives for one recorded call of its kernel. */
export interface GradientRuleArgs {
  /** The kernel (`Relu`, `Softmax`, `MaxPool` …). */
  kernel: RuleKernel;
  /** Gradient of the loss with respect to the kernel's output. */
  dy: Tensor;
  /** The kernel's input (for `Softmax`, the logits) over the whole batch the forward pass saw. */
  x: Tensor;
  /** The kernel's output for that batch. */
  y: Tensor;
  /** The kernel's attributes (e.g. `filterSize`, `strides`, `pad` of `MaxPool`; `dim` of `Softmax`). */
  attrs: NamedAttrMap;
  /**
   * The kernel's true vector–Jacobian product (tfjs's own gradient) with respect to `x`, for the
   * upstream gradient `upstream` (default `dy`). For `MaxPool` with another upstream this routes it
   * to each window's maximum: max-unpooling.
   */
  gradient(upstream?: Tensor): Tensor;
}

/**
 * A replacement backward pass for one nonlinearity: returns the gradient with respect to the
 * kernel's input, shaped like `x`. Runs inside tfjs's backward pass (tensors it makes are tidied
 * with the rest of the gradient computation).
 *
 * @example
 * ```ts
 * // Guided backpropagation: pass only positive gradients through positive activations.
 * const guided: GradientRule = ({ dy, gradient }) => tf.mul(gradient(), tf.cast(tf.greater(dy, 0), 'float32'));
 * ```
 */
export type GradientRule = (args: GradientRuleArgs) => Tensor;

/** Overridden backward passes by kernel; kernels not named keep their true gradient. */
export type GradientRules = Partial<Record<RuleKernel, GradientRule>>;

/**
 * Options of a forward pass. `gradientRules` is honoured by models with the `gradient-rules`
 * capability (the Layers, Graph and function adapters): while the forward pass is recorded for
 * autodiff, each named nonlinearity backpropagates with its rule instead of its true gradient.
 */
export interface ForwardOptions {
  gradientRules?: GradientRules | undefined;
}
