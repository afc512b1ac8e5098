import { FoldedWeights, type BatchNormLike, type VariableLike } from './FoldedWeights';
import type { LayersGraphLike } from './compileLayersForward';

/** `layerName:nodeIndex:tensorIndex`. */
export type TensorRef = string;

/** One step of a compiled forward pass: a fused kernel, or a layer's own `call`. */
export interface LayerStep {
  kind: 'conv' | 'depthwise' | 'dense' | 'layer';
  name: string;
  inputs: TensorRef[];
  out: TensorRef;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  layer?: any;
  weights?: FoldedWeights;
  strides?: [number, number];
  pad?: 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
  dilations?: [number, number];
  activation?: string;
  alpha?: number;
  /** An activation layer object applied after the kernel (one that kernels do not fuse, e.g. softmax). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post?: any;
  /** Rank of the (first) input. */
  rank: number;
}

const ACTIVATIONS: Record<string, string> = { linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', sigmoid: 'sigmoid' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyLayer = any;

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [Number(v), Number(v)]);
const activationName = (a: AnyLayer): string | undefined => (a ? ACTIVATIONS[String(a.getClassName()).toLowerCase()] : 'linear');

/** The fused step for a conv/depthwise/dense layer, or null when it has to run its own `call`. */
function lower(layer: AnyLayer, name: string, inputs: TensorRef[], out: TensorRef, inputRank: number): LayerStep | null {
  const cls = layer.getClassName();
  const fused = activationName(layer.activation);
  const activation = fused ?? 'linear';
  const post = fused ? undefined : layer.activation;
  if (cls === 'Dense') {
    if (inputRank !== 2) return null;
    return { kind: 'dense', name, inputs, out, rank: inputRank, activation, post, weights: new FoldedWeights(layer.kernel as VariableLike, layer.bias, 'dense') };
  }
  if (cls !== 'Conv2D' && cls !== 'DepthwiseConv2D') return null;
  if (layer.dataFormat !== 'channelsLast' || inputRank !== 4) return null;
  if (layer.padding !== 'same' && layer.padding !== 'valid') return null;
  const depthwise = cls === 'DepthwiseConv2D';
  const dilations = pair(layer.dilationRate ?? 1);
  const strides = pair(layer.strides);
  if (depthwise && (dilations[0] !== 1 || dilations[1] !== 1)) return null;
  if ((dilations[0] > 1 || dilations[1] > 1) && (strides[0] > 1 || strides[1] > 1)) return null;
  return {
    kind: depthwise ? 'depthwise' : 'conv', name, inputs, out, rank: inputRank, activation, post, strides, dilations, pad: layer.padding,
    weights: new FoldedWeights((depthwise ? layer.depthwiseKernel : layer.kernel) as VariableLike, layer.bias, depthwise ? 'depthwise' : 'conv'),
  };
}

/** The activation a ReLU / Activation layer applies, when it can be fused into a kernel. */
function fusableActivation(layer: AnyLayer): string | null {
  const cls = layer.getClassName();
  if (cls === 'ReLU') return layer.maxValue == null ? 'relu' : layer.maxValue === 6 ? 'relu6' : null;
  if (cls === 'Activation') {
    const a = activationName(layer.activation);
    return a === 'relu' || a === 'relu6' ? a : null;
  }
  return null;
}

/** The graph of a Layers model as fused steps, or null when it has shared layers, nested models, or several inputs or outputs. */
export function planLayerSteps(graph: LayersGraphLike): { steps: LayerStep[]; input: TensorRef; output: TensorRef; stats: Record<string, number> } | null {
  const [inputLayer, ...moreInputs] = graph.inputLayers!;
  const [outputLayer, ...moreOutputs] = graph.outputLayers!;
  if (!inputLayer || !outputLayer || moreInputs.length > 0 || moreOutputs.length > 0) return null;
  const input = `${inputLayer.name}:0:0`;
  const output = `${outputLayer.name}:${graph.outputLayersNodeIndices?.[0] ?? 0}:${graph.outputLayersTensorIndices?.[0] ?? 0}`;
  const steps: LayerStep[] = [];
  const uses = new Map<TensorRef, number>([[output, 1]]);
  const producer = new Map<TensorRef, LayerStep>();
  const stats: Record<LayerStep['kind'] | 'foldedBatchNorm' | 'fusedActivation' | 'foldedPadding', number> = { conv: 0, depthwise: 0, dense: 0, layer: 0, foldedBatchNorm: 0, fusedActivation: 0, foldedPadding: 0 };
  for (const layer of graph.layers as AnyLayer[]) {
    const cls = layer.getClassName();
    if (cls === 'InputLayer') continue;
    // A nested model used as a layer runs through tfjs-layers itself (its own graph is not lowered).
    if (Array.isArray(layer.layers)) return null;
    const nodes = (layer.inboundNodes as AnyLayer[]).map((_: unknown, i: number) => i).filter((i: number) => graph.containerNodes!.has(`${layer.name}_ib-${i}`));
    const [nodeIndex, ...moreNodes] = nodes;
    if (nodeIndex === undefined || moreNodes.length > 0) return null;
    const node = layer.inboundNodes[nodeIndex];
    if ((node.outputTensors?.length ?? 1) !== 1) return null;
    const inputs: TensorRef[] = node.inboundLayers.map((l: AnyLayer, k: number) => `${l.name}:${node.nodeIndices[k]}:${node.tensorIndices[k]}`);
    const out = `${layer.name}:${nodeIndex}:0`;
    for (const r of inputs) uses.set(r, (uses.get(r) ?? 0) + 1);
    const shapes = node.inputShapes;
    const inputRank = Array.isArray(shapes?.[0]) ? shapes[0].length : (shapes?.length ?? 0);
    steps.push(lower(layer, layer.name, inputs, out, inputRank) ?? { kind: 'layer', name: layer.name, inputs, out, layer, rank: inputRank });
  }
  // Fusion: each pattern needs the producer's output to have this step as its only consumer.
  const kept: LayerStep[] = [];
  for (const step of steps) {
    const only = step.inputs.length === 1 ? step.inputs[0] : undefined;
    const src = only === undefined ? undefined : producer.get(only);
    const sole = only !== undefined && src !== undefined && uses.get(only) === 1;
    const layer = step.layer as AnyLayer;
    if (sole && step.kind === 'layer' && src.kind !== 'layer' && src.activation === 'linear' && !src.post) {
      const cls = layer.getClassName();
      const act = fusableActivation(layer);
      if (cls === 'BatchNormalization' && (layer.axis === -1 || layer.axis === step.rank - 1)) {
        src.weights!.foldBatchNorm(layer as BatchNormLike);
        src.out = step.out;
        producer.set(step.out, src);
        stats.foldedBatchNorm++;
        continue;
      }
      if (act) {
        src.activation = act;
        src.out = step.out;
        producer.set(step.out, src);
        stats.fusedActivation++;
        continue;
      }
    }
    if (sole && step.kind !== 'dense' && step.kind !== 'layer' && step.pad === 'valid' && isZeroPadding(src)) {
      const [[t, b], [l, r]] = src.layer.padding as [[number, number], [number, number]];
      step.pad = [[0, 0], [t, b], [l, r], [0, 0]];
      step.inputs = src.inputs;
      kept.splice(kept.indexOf(src), 1);
      stats.foldedPadding++;
    }
    producer.set(step.out, step);
    kept.push(step);
  }
  for (const s of kept) stats[s.kind]++;
  return { steps: kept, input, output, stats };
}

const isZeroPadding = (s: LayerStep): boolean =>
  s.kind === 'layer' && s.layer.getClassName() === 'ZeroPadding2D' && s.layer.dataFormat === 'channelsLast';
