import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import { MODEL_SPEC_VERSION, type LayerInfo, type Model, type ModelCapability } from './Model';
import type { AttentionAccess } from './AttentionAccess';
import { createRandom } from '../random/createRandom';
import { layerGraph } from './layerGraph';
import { compileLayersForward, type LayersGraphLike } from './compileLayersForward';
import type { ForwardOptions } from './GradientRules';
import { withGradientRules } from './withGradientRules';

/** The parts of a tfjs-layers `Layer` the adapter uses (structural, so core needs no tfjs-layers import). */
export interface LayerLike {
  name: string;
  getClassName(): string;
  outputShape: unknown;
  inboundNodes?: { inboundLayers: LayerLike[] }[];
  apply(x: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  getWeights(): tf.Tensor[];
  setWeights(w: tf.Tensor[]): void;
}

/** The parts of a tfjs-layers `LayersModel` the adapter uses. */
export interface LayersModelLike {
  name: string;
  inputs: { shape: (number | null)[] }[];
  outputs: { shape: (number | null)[] }[];
  layers: LayerLike[];
  apply(x: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  predict(x: tf.Tensor, config?: { batchSize?: number }): tf.Tensor | tf.Tensor[];
}

export interface LayersModelAdapterOptions {
  name?: string;
  classNames?: readonly string[];
  featureNames?: readonly string[];
  /** Attention access for transformer models built with `@glassbox/attention`'s layers. */
  attention?: AttentionAccess;
  /**
   * Run `forward`/`predict` through {@link compileLayersForward} (fused kernels with lazy weight
   * gradients, batch norm folded into convolutions): default true. False runs `model.apply`.
   */
  optimize?: boolean;
}

const perExample = (shape: unknown): number[] => {
  const list = shape as unknown[];
  const s = (Array.isArray(list[0]) ? list[0] : list) as (number | null)[];
  return s.slice(1).map((d) => d ?? -1);
};

/**
 * Adapts a tfjs Layers model (`tf.sequential()` / `tf.model()` / a loaded model.json).
 * Capabilities: `gradients` and `gradient-rules`; `activations` when the layers form a chain (each
 * layer feeds the next) or a single-input, single-output graph ({@link layerGraph}), which enables
 * layer methods such as Grad-CAM.
 *
 * @example
 * ```ts
 * const model = fromLayersModel(await loadLayersModel('mnist/model.json'));
 * model.split!('conv2d_2').head(x); // activations of that layer
 * ```
 */
export function fromLayersModel(model: LayersModelLike, options: LayersModelAdapterOptions = {}): Model {
  const chain = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const isChain = chain.every((l, i) => {
    const inbound = l.inboundNodes?.[0]?.inboundLayers ?? [];
    if (i === 0) return inbound.length <= 1;
    return inbound.length === 1 && inbound[0] === chain[i - 1];
  });
  // Functional models (residual blocks) split at the layers every path goes through.
  const graph = isChain ? undefined : layerGraph(model.layers, (l) => perExample(l.outputShape));
  const caps = new Set<ModelCapability>(['gradients', 'gradient-rules']);
  if (isChain || graph) caps.add('activations');
  if (options.attention) caps.add('attention');
  const run = (x: tf.Tensor, from: number, to: number): tf.Tensor => {
    let h = x;
    for (let i = from; i < to; i++) h = chain[i].apply(h, { training: false }) as tf.Tensor;
    return h;
  };
  const compiled = options.optimize === false ? null : compileLayersForward(model as unknown as LayersGraphLike);
  const plain = (x: tf.Tensor) => model.apply(x, { training: false }) as tf.Tensor;
  // Gradient rules act on tfjs's own kernels (Relu, MaxPool …), which the compiled pass fuses away,
  // so rule-overriding methods run the plain pass.
  const forward = (x: tf.Tensor, o?: ForwardOptions): tf.Tensor =>
    o?.gradientRules ? withGradientRules(o.gradientRules, () => plain(x)) : compiled ? compiled(x) : plain(x);
  const adapter: Model = {
    specVersion: MODEL_SPEC_VERSION,
    name: options.name ?? model.name,
    inputShape: perExample(model.inputs[0].shape),
    outputShape: perExample(model.outputs[0].shape),
    capabilities: caps,
    classNames: options.classNames,
    featureNames: options.featureNames,
    attention: options.attention,
    predict: async (x) => tf.tidy(() => forward(x)),
    forward,
  };
  if (compiled) adapter.dispose = () => compiled.dispose();
  if (isChain) {
    adapter.layers = (): LayerInfo[] =>
      chain.map((l) => ({ name: l.name, className: l.getClassName(), outputShape: perExample(l.outputShape) }));
    adapter.split = (layer) => {
      const i = chain.findIndex((l) => l.name === layer);
      if (i < 0) {
        throw new UnsupportedModelError(`No layer named "${layer}"; layers are: ${chain.map((l) => l.name).join(', ')}`, {
          layer,
          layers: chain.map((l) => l.name),
        });
      }
      return { head: (x) => run(x, 0, i + 1), tail: (a) => run(a, i + 1, chain.length) };
    };
  } else if (graph) {
    adapter.layers = graph.layers;
    adapter.split = graph.split;
  }
  adapter.withRandomizedLayers = (names, seed) => randomizedCopy(chain, names, seed, adapter);
  return adapter;
}

/**
 * Swaps fresh random weights into the named layers until the returned model is disposed, which
 * restores the originals. Weights are swapped for the copy's whole life (not per call) so that
 * gradients see the same weights as the forward pass; do not use the original meanwhile.
 */
function randomizedCopy(chain: LayerLike[], names: readonly string[], seed: number, base: Model): Model {
  const rng = createRandom(seed);
  const saved = new Map<LayerLike, tf.Tensor[]>();
  for (const name of names) {
    const layer = chain.find((l) => l.name === name);
    if (!layer) throw new UnsupportedModelError(`No layer named "${name}" to randomise`, { layer: name });
  }
  for (const name of names) {
    const layer = chain.find((l) => l.name === name)!;
    const original = layer.getWeights();
    saved.set(layer, original.map((t) => t.clone()));
    const fresh = original.map((w) => {
      const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : w.shape[0];
      const scale = Math.sqrt(2 / Math.max(1, fanIn));
      const values = new Float32Array(w.size);
      for (let k = 0; k < values.length; k++) values[k] = rng.normal() * scale;
      return tf.tensor(values, w.shape);
    });
    layer.setWeights(fresh);
    tf.dispose(fresh);
  }
  let disposed = false;
  return {
    ...base,
    name: `${base.name} (randomised: ${names.join(', ')})`,
    withRandomizedLayers: undefined,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const [layer, w] of saved) {
        layer.setWeights(w);
        tf.dispose(w);
      }
    },
  };
}
