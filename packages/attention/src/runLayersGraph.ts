import * as tf from '@tensorflow/tfjs-core';
import { isAttentionLayer } from './AttentionLayer';
import { firstInput } from './firstInput';

/** The parts of a tfjs-layers graph node the executor reads. */
interface NodeLike {
  outboundLayer: GraphLayer;
  inputTensors: { id: number }[];
  outputTensors: { id: number }[];
}

/** The parts of a tfjs-layers layer the executor uses. */
export interface GraphLayer {
  name: string;
  supportsMasking: boolean;
  getClassName(): string;
  apply(x: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  computeMask(x: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] | null;
}

/** The parts of a tfjs-layers `LayersModel` the executor uses. */
export interface GraphModel {
  name: string;
  inputs: { id: number; shape: (number | null)[] }[];
  outputs: { id: number; shape: (number | null)[] }[];
  layers: GraphLayer[];
  nodesByDepth: Record<string, NodeLike[]>;
}

/** Values fed into the graph, with the padding masks tfjs-layers would carry along them. */
export interface GraphFeed {
  values: Map<number, tf.Tensor>;
  masks: Map<number, tf.Tensor | null>;
}

/** Nodes of `model` in execution order (inputs first). */
export function nodesInOrder(model: GraphModel): NodeLike[] {
  return Object.keys(model.nodesByDepth)
    .map(Number)
    .sort((a, b) => b - a)
    .flatMap((d) => model.nodesByDepth[String(d)] ?? []);
}

/**
 * Runs a tfjs-layers graph eagerly from the fed symbolic tensors, like tfjs-layers' own executor
 * (masks follow the layers that support masking; a layer gets its first input's mask), except
 * that attention layers run through `forwardWithAttention`, take `offsets[i]` and report their
 * weights. Stops as soon as `until` (a symbolic tensor id) is known. Tensors it makes are the
 * caller's (run it inside `tf.tidy`).
 */
export function runLayersGraph(
  model: GraphModel,
  feed: GraphFeed,
  until: number,
  offsets?: readonly tf.Tensor[],
): { value: tf.Tensor; attention: tf.Tensor[] } {
  const { values, masks } = feed;
  const attention: tf.Tensor[] = [];
  for (const node of nodesInOrder(model)) {
    if (values.has(until)) break;
    const layer = node.outboundLayer;
    if (layer.getClassName() === 'InputLayer') continue;
    if (node.outputTensors.every((t) => values.has(t.id))) continue;
    if (!node.inputTensors.every((t) => values.has(t.id))) continue;
    const inputs = node.inputTensors.map((t) => values.get(t.id)!);
    const inputMasks = node.inputTensors.map((t) => masks.get(t.id) ?? null);
    const first = firstInput(inputs, layer.name);
    const mask = inputMasks[0] ?? null;
    let outputs: tf.Tensor[];
    if (isAttentionLayer(layer)) {
      const r = layer.forwardWithAttention(first, { mask, offset: offsets?.[attention.length] ?? null });
      attention.push(r.attention);
      outputs = [r.output];
    } else {
      const out = layer.apply(inputs.length === 1 ? first : inputs, mask ? { mask, training: false } : { training: false });
      outputs = Array.isArray(out) ? (out as tf.Tensor[]) : [out as tf.Tensor];
    }
    let outMask: tf.Tensor | tf.Tensor[] | null = null;
    if (layer.supportsMasking) {
      outMask = layer.computeMask(inputs.length === 1 ? first : inputs, (inputMasks.length === 1 ? inputMasks[0] : inputMasks) as tf.Tensor[]) ?? null;
    }
    node.outputTensors.forEach((t, i) => {
      const output = outputs[i];
      if (!output) throw new Error(`layer ${layer.name} returned ${outputs.length} outputs; its graph node has ${node.outputTensors.length}`);
      values.set(t.id, output);
      masks.set(t.id, Array.isArray(outMask) ? (outMask[i] ?? null) : outMask);
    });
  }
  const value = values.get(until);
  if (!value) throw new Error(`the graph of ${model.name} never computes the requested tensor from the fed ones`);
  return { value, attention };
}
