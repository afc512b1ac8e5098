import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import { MODEL_SPEC_VERSION, type Model, type ModelCapability } from './Model';
import type { ForwardOptions } from './GradientRules';
import { withGradientRules } from './withGradientRules';
import { fusedGraphNodes, type RegisterGraphOp } from './fusedGraphNodes';
import { releaseTapeOnThrow } from '../tensor/releaseTapeOnThrow';

/** One input or output of a graph model, as tfjs-converter describes it (from the signature, else the graph's nodes). */
export interface GraphTensorInfo {
  name: string;
  shape?: number[];
  dtype?: string;
}

/** One entry of a graph model's `signature` (TensorFlow's TensorInfo as JSON). */
interface SignatureEntry {
  name?: string;
  tensorShape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
}

/** The parts of a tfjs-converter `GraphModel` the adapter uses. */
export interface GraphModelLike {
  inputs: GraphTensorInfo[];
  outputs: GraphTensorInfo[];
  /** The model.json's `signature`, when it has one: keys and declared shapes. */
  modelSignature?: { inputs?: Record<string, SignatureEntry>; outputs?: Record<string, SignatureEntry> } | object;
  execute(inputs: tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>, outputs?: string | string[]): tf.Tensor | tf.Tensor[];
}

export interface GraphModelAdapterOptions {
  name?: string;
  /** Which input to explain when the graph has several (default: the only one). */
  inputName?: string;
  /** Which output to explain when the graph has several (default: the only one). */
  outputName?: string;
  /** Per-example input shape; only needed when the graph leaves a non-batch dimension unknown. */
  inputShape?: readonly number[];
  /** Per-example output shape; by default declared by the graph or found by a one-example dry run. */
  outputShape?: readonly number[];
  classNames?: readonly string[];
  featureNames?: readonly string[];
  /**
   * tfjs-converter's `registerOp`. With it, the graph's fused nodes (`_FusedConv2D`,
   * `FusedDepthwiseConv2dNative`, `_FusedMatMul`) run through Glassbox's executors
   * ({@link fusedGraphNodes}): input gradients skip the filter gradients, and gradient rules reach
   * fused activations. `loadModel` passes it; without it the converter runs them with tfjs's fused ops.
   */
  registerOp?: RegisterGraphOp;
}

const known = (shape: readonly number[] | undefined): shape is number[] => !!shape && shape.every((d) => Number.isInteger(d) && d > 0);

/** The graph's inputs or outputs, with the signature's key and shape where it declares one. */
function describe(list: GraphTensorInfo[], entries: Record<string, SignatureEntry> | undefined): GraphTensorInfo[] {
  return list.map((t) => {
    const [key, entry] = Object.entries(entries ?? {}).find(([, e]) => e?.name?.replace(/:\d+$/, '') === t.name) ?? [];
    const dims = entry?.tensorShape?.dim;
    const shape = entry && !entry.tensorShape?.unknownRank && Array.isArray(dims) ? dims.map((d) => Number(d.size ?? -1)) : undefined;
    return { ...t, key, shape: known(shape?.slice(1)) ? shape : (t.shape ?? shape) };
  });
}

function pick(kind: 'input' | 'output', list: (GraphTensorInfo & { key?: string })[], wanted: string | undefined): GraphTensorInfo {
  const flag = kind === 'input' ? 'inputName' : 'outputName';
  const names = list.map((t) => t.name);
  if (wanted !== undefined) {
    // tfjs names outputs "node" or "node:0"; accept either spelling.
    const found = list.find((t) => t.key === wanted || t.name === wanted || `${t.name}:0` === wanted);
    if (!found) throw new UnsupportedModelError(`The graph model has no ${kind} "${wanted}"; its ${kind}s are: ${names.join(', ')}`, { [flag]: wanted, [`${kind}s`]: names });
    return found;
  }
  if (list.length !== 1) {
    throw new UnsupportedModelError(
      `The graph model has ${list.length} ${kind}s (${names.join(', ') || 'none'}); choose one with ${flag} (CLI: --${kind === 'input' ? 'input-name' : 'output'} NAME)`,
      { [`${kind}s`]: names },
    );
  }
  return list[0];
}

/**
 * Adapts a tfjs Graph model (converted from a TensorFlow SavedModel, Keras or TF Hub model).
 * Shapes need no configuration: the input's comes from the signature, else from the graph's
 * `Placeholder` node (a dynamic batch dimension, -1, is normal), and the output's from the
 * signature or, when it does not say, a one-example dry run. Graphs with several inputs or outputs
 * need `inputName`/`outputName` (the error lists the names). Graphs without control flow execute
 * synchronously on tfjs ops, so they are differentiable (`gradients`) and their nonlinearities take
 * gradient rules (`gradient-rules`); an op tfjs cannot
 * differentiate (e.g. `TopK`) makes gradient methods throw `NoGradientError`.
 *
 * Fused nodes: given tfjs-converter's `registerOp` (`loadModel` passes it), the adapter takes over
 * the graph's `_FusedConv2D`, `FusedDepthwiseConv2dNative` and `_FusedMatMul` nodes (this model
 * instance's nodes are renamed to custom ops, see {@link fusedGraphNodes}). They run as one fused
 * kernel whose gradients are lazy per input, so an input gradient never computes a filter
 * gradient; while `forward(x, { gradientRules })` runs, a node whose activation has a rule runs
 * unfused (convolution, bias add, then the activation as its own kernel) so the rule applies.
 *
 * @example
 * ```ts
 * import { loadGraphModel, registerOp } from '@tensorflow/tfjs-converter';
 * const model = fromGraphModel(await loadGraphModel('model/model.json'), { name: 'converted', registerOp });
 * model.inputShape; // e.g. [224, 224, 3]
 * ```
 */
export function fromGraphModel(graph: GraphModelLike, options: GraphModelAdapterOptions = {}): Model {
  const signature = (graph.modelSignature ?? {}) as { inputs?: Record<string, SignatureEntry>; outputs?: Record<string, SignatureEntry> };
  const input = pick('input', describe(graph.inputs, signature.inputs), options.inputName);
  const output = pick('output', describe(graph.outputs, signature.outputs), options.outputName);
  const inputShape = options.inputShape ?? input.shape?.slice(1);
  if (!known(inputShape)) {
    throw new UnsupportedModelError(
      `The graph model's input "${input.name}" has shape ${JSON.stringify(input.shape ?? 'unknown')}; only the batch dimension may be unknown. Pass inputShape (per example)`,
      { input: input.name, declared: input.shape },
    );
  }
  const batchDim = input.shape?.[0];
  if (batchDim !== undefined && batchDim > 1) {
    throw new UnsupportedModelError(`The graph model's input "${input.name}" has a fixed batch of ${batchDim}; expected a dynamic batch (-1) or 1`, { input: input.name, declared: input.shape });
  }
  const single = batchDim === 1;
  const fused = options.registerOp ? fusedGraphNodes(graph, options.registerOp) : undefined;
  const run = (x: tf.Tensor): tf.Tensor => {
    const y = graph.execute({ [input.name]: x }, output.name);
    return Array.isArray(y) ? y[0] : y;
  };
  // A graph with a fixed batch of 1 runs example by example; tf.concat keeps it differentiable.
  const runBatch = (x: tf.Tensor): tf.Tensor => (!single || x.shape[0] === 1 ? run(x) : tf.tidy(() => tf.concat(tf.split(x, x.shape[0]).map(run))));
  const forward = (x: tf.Tensor, o?: ForwardOptions): tf.Tensor =>
    releaseTapeOnThrow(() => withGradientRules(o?.gradientRules, () => (fused ? fused.forward(o?.gradientRules, () => runBatch(x)) : runBatch(x))));
  let outputShape = options.outputShape ?? output.shape?.slice(1);
  if (!known(outputShape)) {
    const probe = tf.tidy(() => forward(tf.zeros([1, ...inputShape], (input.dtype as tf.DataType | undefined) ?? 'float32')));
    outputShape = probe.shape.slice(1);
    probe.dispose();
  }
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
