import * as tf from '@tensorflow/tfjs-core';
import { MODEL_SPEC_VERSION, type Model, type ModelCapability } from './Model';
import { withGradientRules } from './withGradientRules';

/** Options shared by the function adapters. */
export interface FunctionModelOptions {
  inputShape: readonly number[];
  outputShape: readonly number[];
  name?: string;
  classNames?: readonly string[];
  featureNames?: readonly string[];
}

/**
 * Adapts a differentiable function of tensors (`[n, ...inputShape] → [n, ...outputShape]`).
 * The function must only use tfjs ops so that autodiff can see it; it then also honours gradient
 * rules (`gradient-rules`).
 *
 * @example
 * ```ts
 * const w = tf.tensor2d([[1], [2]]);
 * const model = fromFunction((x) => tf.matMul(x, w), { inputShape: [2], outputShape: [1] });
 * ```
 */
export function fromFunction(fn: (x: tf.Tensor) => tf.Tensor, options: FunctionModelOptions): Model {
  return {
    specVersion: MODEL_SPEC_VERSION,
    name: options.name ?? 'function',
    inputShape: [...options.inputShape],
    outputShape: [...options.outputShape],
    capabilities: new Set<ModelCapability>(['gradients', 'gradient-rules']),
    classNames: options.classNames,
    featureNames: options.featureNames,
    predict: async (x) => tf.tidy(() => fn(x)),
    forward: (x, o) => withGradientRules(o?.gradientRules, () => fn(x)),
  };
}
