import * as tf from '@tensorflow/tfjs-core';
import { registerFusedGradients } from './registerFusedGradients';
import { planLayerSteps, type LayerStep, type TensorRef } from './planLayerSteps';

/** A tfjs-layers graph as the executor reads it (structural: core imports no tfjs-layers). */
export interface LayersGraphLike {
  layers: { name: string; getClassName(): string; inboundNodes?: unknown[] }[];
  inputLayers?: { name: string }[];
  outputLayers?: { name: string }[];
  outputLayersNodeIndices?: number[];
  outputLayersTensorIndices?: number[];
  containerNodes?: Set<string>;
  /** A Sequential model's inner functional model (built on demand by `build()`). */
  model?: LayersGraphLike;
  getClassName?(): string;
  build?(): void;
}

/** A compiled forward pass: call it like `model.apply(x)`; `dispose()` frees the folded weights. */
export interface CompiledForward {
  (x: tf.Tensor): tf.Tensor;
  /** How the layers were lowered, e.g. `{ conv: 35, foldedBatchNorm: 52, fusedActivation: 35, ... }`. */
  stats: Record<string, number>;
  dispose(): void;
}

/**
 * Compiles a tfjs Layers model's inference forward pass into tfjs-core kernels, exactly:
 * convolutions, depthwise convolutions and dense layers run as fused kernels (bias and activation
 * in the kernel) through `runKernel`, whose gradients ({@link registerFusedGradients}) are lazy, so
 * an input gradient never computes a weight gradient; inference-mode batch normalisation is folded
 * into the convolution before it, ReLU/ReLU6 after a convolution into its kernel, and zero padding
 * into the next convolution's explicit padding. Every other layer runs its own `call`. Folded
 * weights are recomputed when a layer's weights change (`setWeights`). Returns null for graphs it
 * does not handle (shared layers, several inputs or outputs): use `model.apply` then.
 *
 * @example
 * ```ts
 * const forward = compileLayersForward(layersModel);
 * const y = forward ? forward(x) : layersModel.apply(x);
 * ```
 */
export function compileLayersForward(model: LayersGraphLike): CompiledForward | null {
  if (model.getClassName?.() === 'Sequential' && !model.model) model.build?.();
  const graph = model.model ?? model;
  if (!graph?.containerNodes || !graph.inputLayers || !graph.outputLayers) return null;
  const plan = planLayerSteps(graph);
  if (!plan) return null;
  registerFusedGradients();
  const { steps, input, output } = plan;
  const forward = ((x: tf.Tensor): tf.Tensor => {
    const values = new Map<string, tf.Tensor>([[input, x]]);
    const get = (r: TensorRef) => {
      const v = values.get(r);
      if (!v) throw new Error(`compiled forward: tensor ${r} was not computed`);
      return v;
    };
    for (const step of steps) values.set(step.out, runStep(step, step.inputs.map(get)));
    return get(output);
  }) as CompiledForward;
  forward.stats = plan.stats;
  forward.dispose = () => {
    for (const s of steps) s.weights?.dispose();
  };
  return forward;
}

function runStep(step: LayerStep, xs: tf.Tensor[]): tf.Tensor {
  const y = runKernel(step, xs);
  return step.post ? (step.post.apply(y) as tf.Tensor) : y;
}

function runKernel(step: LayerStep, xs: tf.Tensor[]): tf.Tensor {
  if (step.kind === 'layer') return step.layer.call(xs.length === 1 ? xs[0]! : xs, { training: false }) as tf.Tensor;
  const w = step.weights!.get();
  const x = xs[0]!; // planLayerSteps gives fused (dense, conv) steps exactly one input
  if (step.kind === 'dense') {
    const inputs: Record<string, tf.Tensor> = { a: x, b: w.filter };
    if (w.bias) inputs.bias = w.bias;
    return tf.engine().runKernel('_FusedMatMul', inputs as tf.NamedTensorMap, {
      transposeA: false, transposeB: false, activation: step.activation, leakyreluAlpha: step.alpha,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
  }
  const inputs: Record<string, tf.Tensor> = { x, filter: w.filter };
  if (w.bias) inputs.bias = w.bias;
  const attrs = {
    strides: step.strides, pad: step.pad, dataFormat: 'NHWC', dilations: step.dilations, dimRoundingMode: undefined,
    activation: step.activation, leakyreluAlpha: step.alpha,
  };
  const name = step.kind === 'conv' ? 'FusedConv2D' : 'FusedDepthwiseConv2D';
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
