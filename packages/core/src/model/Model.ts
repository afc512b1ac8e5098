import type { Tensor } from '@tensorflow/tfjs-core';
import type { AttentionAccess } from './AttentionAccess';
import type { ForwardOptions } from './GradientRules';

/** Version of the Model contract. Bumped only on breaking changes. */
export const MODEL_SPEC_VERSION = 1 as const;

/**
 * The registry of model capabilities: each key is a capability, its value the members a model
 * with that capability is guaranteed to have (what an explainer that `requires` it may call
 * without a check). Open for extension: a package adds a capability by module augmentation.
 * - `gradients`: `forward` is differentiable with tfjs autodiff.
 * - `activations`: named layers can be listed and the forward pass split at one of them.
 * - `attention`: per-layer attention weights and an embedding-output entry point (`attention`).
 * - `gradient-rules`: `forward(x, { gradientRules })` backpropagates the named nonlinearities
 *   (ReLU, sigmoid, softmax, max pooling …) by the given rules (DeepLIFT, guided backpropagation);
 *   the adapters provide it through core's {@link withGradientRules}.
 *
 * @example
 * ```ts
 * declare module '@glassbox/core' {
 *   interface ModelCapabilities {
 *     'deeplift-rules': { deepliftRules(): Map<string, 'rescale' | 'reveal-cancel'> };
 *   }
 * }
 * ```
 */
export interface ModelCapabilities {
  gradients: { forward(x: Tensor): Tensor };
  activations: { layers(): LayerInfo[]; split(layer: string): ModelSplit };
  attention: { readonly attention: AttentionAccess };
  'gradient-rules': { forward(x: Tensor, options?: ForwardOptions): Tensor };
}

/**
 * What a model can do beyond plain inference (a key of {@link ModelCapabilities}). Explainers
 * declare the capabilities they need and are refused with a `CapabilityError` when the model
 * lacks one.
 */
export type ModelCapability = keyof ModelCapabilities & string;

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/**
 * A model known to have the capabilities `C`: the members they guarantee are present. What an
 * explainer's `run` receives, narrowed by its `requires` (core has checked them).
 *
 * @example
 * ```ts
 * function grads(model: ModelWith<'gradients'>, x: Tensor) { return tf.grad((v) => tf.sum(model.forward(v)))(x); }
 * ```
 */
export type ModelWith<C extends ModelCapability> = [C] extends [never] ? Model : Model & UnionToIntersection<ModelCapabilities[C]>;

/** One named layer of a model, for layer-level methods such as Grad-CAM. */
export interface LayerInfo {
  name: string;
  className: string;
  /** Output shape per example (no batch dimension). */
  outputShape: number[];
}

/** A forward pass split at a layer: `tail(head(x))` equals `forward(x)`. Both are differentiable. */
export interface ModelSplit {
  head(x: Tensor): Tensor;
  tail(activation: Tensor): Tensor;
}

/**
 * The contract every explainer talks to. Build one with an adapter rather than by hand:
 * {@link fromLayersModel}, {@link fromGraphModel}, {@link fromFunction} or {@link fromBatchFunction}.
 *
 * Shapes are per example and channels-last; batches add a leading dimension.
 * Outputs are indexed flat: a target `t` selects element `t` of each example's flattened output.
 *
 * @example
 * ```ts
 * const model = fromFunction((x) => tf.sigmoid(tf.matMul(x, w)), { inputShape: [4], outputShape: [1] });
 * model.capabilities.has('gradients'); // true
 * const y = await model.predict(tf.ones([2, 4])); // shape [2, 1], caller disposes
 * ```
 */
export interface Model {
  readonly specVersion: typeof MODEL_SPEC_VERSION;
  readonly name: string;
  /** Per-example input shape, e.g. [28, 28, 1] or [784]. */
  readonly inputShape: readonly number[];
  /** Per-example output shape, e.g. [10]. */
  readonly outputShape: readonly number[];
  readonly capabilities: ReadonlySet<ModelCapability>;
  /** Optional names for the flattened outputs (class labels). */
  readonly classNames?: readonly string[] | undefined;
  /** Optional names for the input features (flat inputs). */
  readonly featureNames?: readonly string[] | undefined;
  /** Inference on a batch `[n, ...inputShape]`. Resolves to `[n, ...outputShape]`; the caller owns it. */
  predict(x: Tensor): Promise<Tensor>;
  /**
   * Differentiable forward pass. Present exactly when `capabilities` has `gradients`. With
   * `gradient-rules`, `options.gradientRules` replace the backward pass of the named nonlinearities.
   */
  forward?(x: Tensor, options?: ForwardOptions): Tensor;
  /** Named layers in execution order. Present with `activations`. */
  layers?(): LayerInfo[];
  /** The forward pass split after the named layer. Present with `activations`. */
  split?(layer: string): ModelSplit;
  /** Attention weights and embedding entry point. Present with `attention`. */
  readonly attention?: AttentionAccess;
  /**
   * A model whose named layers get fresh seeded random weights (for the model-randomisation sanity
   * check). Adapters may swap the weights in place until the copy is disposed: dispose it before
   * using the original again.
   */
  withRandomizedLayers?(layerNames: readonly string[], seed: number): Model;
  /** Releases the tensors the model owns (weights) if the adapter created them. */
  dispose?(): void;
}
