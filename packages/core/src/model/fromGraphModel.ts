import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import { MODEL_SPEC_VERSION, type Model, type ModelCapability } from './Model';
import type { ForwardOptions } from './GradientRules';
import { withGradientRules } from './withGradientRules';

/** The parts of a tfjs-converter `GraphModel` the adapter uses. */
export interface GraphModelLike {
  inputs: { name: string; shape?: number[] }[];
  outputs: { name: string; shape?: number[] }[];
  execute(inputs: tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>, outputs?: string | string[]): tf.Tensor | tf.Tensor[];
}

export interface GraphModelAdapterOptions {
  name?: string;
  /** Needed when the graph does not declare static shapes. */
  inputShape?: readonly number[];
  outputShape?: readonly number[];
  classNames?: readonly string[];
  featureNames?: readonly string[];
}

/**
 * Adapts a tfjs Graph model (converted from TensorFlow SavedModel/Keras). Graphs without control
 * flow execute synchronously on tfjs ops, so they are differentiable (`gradients`) and their
 * nonlinearities take gradient rules (`gradient-rules`).
 *
 * @example
 * ```ts
 * const model = fromGraphModel(await loadGraphModel('model/model.json'), { name: 'converted' });
 * ```
 */
export function fromGraphModel(graph: GraphModelLike, options: GraphModelAdapterOptions = {}): Model {
  const inputShape = options.inputShape ?? graph.inputs[0]?.shape?.slice(1);
  const outputShape = options.outputShape ?? graph.outputs[0]?.shape?.slice(1);
  if (!inputShape || !outputShape || inputShape.some((d) => d < 0) || outputShape.some((d) => d < 0)) {
    throw new UnsupportedModelError('The graph model does not declare static input/output shapes; pass inputShape and outputShape', { inputShape, outputShape });
  }
  const forward = (x: tf.Tensor, o?: ForwardOptions) => withGradientRules(o?.gradientRules, () => graph.execute(x) as tf.Tensor);
  return {
    specVersion: MODEL_SPEC_VERSION,
    name: options.name ?? 'graph-model',
    inputShape: [...inputShape],
    outputShape: [...outputShape],
    capabilities: new Set<ModelCapability>(['gradients', 'gradient-rules']),
    classNames: options.classNames,
    featureNames: options.featureNames,
    predict: async (x) => tf.tidy(() => forward(x)),
    forward,
  };
}
