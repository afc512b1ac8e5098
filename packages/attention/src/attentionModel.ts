import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, MODEL_SPEC_VERSION, UnsupportedModelError, type AttentionAccess, type AttentionForward, type Model } from '@glassbox/core';
import { isAttentionLayer, type AttentionLayer } from './AttentionLayer';
import { validateTokenIds } from './tokenInputs';
import { nodesInOrder, runLayersGraph, type GraphLayer, type GraphModel } from './runLayersGraph';

/** Options of {@link attentionModel}. */
export interface AttentionModelOptions {
  /** Name of the layer whose output is the token embedding (default: the model's only `TokenEmbedding` or `Embedding`). */
  embeddingLayer?: string | undefined;
  name?: string | undefined;
  classNames?: readonly string[] | undefined;
  /** Token strings by id, so explanations name their tokens (or give `decode`). */
  vocabulary?: readonly string[] | undefined;
  decode?: ((ids: readonly number[]) => string[]) | undefined;
  /** Dispose the layers model when the adapter is disposed (default false: the caller owns it). */
  ownsModel?: boolean | undefined;
}

type ForwardOptions = Parameters<AttentionAccess['forwardFromEmbeddings']>[1];
const EMBEDDINGS = new Set(['GlassboxTokenEmbedding', 'Embedding']);

/**
 * Adapts a tfjs-layers transformer (built with this package's attention layers) to a Glassbox
 * {@link Model} with the `attention` capability — attention weights of every attention layer, in
 * model order, and the embedding output as the entry point of gradient methods — and `gradients`
 * (`forward` is differentiable, but its gradient with respect to the discrete token ids is zero:
 * gradient methods for text start from the embedding output, e.g. `token-integrated-gradients`).
 * The graph runs eagerly with the padding mask taken from the token ids, exactly like
 * `layersModel.predict`; `predict` refuses ids outside the vocabulary with `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * import '@glassbox/attention'; // registers the layers before loading
 * const layers = await loadLayersModel('model/model.json');
 * const model = attentionModel(layers, { vocabulary, classNames: ['ham', 'spam'] });
 * const e = await attentionRollout().explain(model, [ids]);
 * ```
 */
export function attentionModel(layersModel: unknown, options: AttentionModelOptions = {}): Model {
  const graph = layersModel as GraphModel;
  if (!graph || !Array.isArray(graph.inputs) || typeof graph.nodesByDepth !== 'object') {
    throw new UnsupportedModelError('attentionModel needs a tfjs-layers LayersModel (tf.model / tf.sequential / a loaded model.json)');
  }
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new UnsupportedModelError(`attentionModel needs one input (token ids) and one output; ${graph.name} has ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const graphInput = graph.inputs[0]!;
  const graphOutput = graph.outputs[0]!;
  const nodes = nodesInOrder(graph);
  const embeddingNode = options.embeddingLayer
    ? nodes.find((n) => n.outboundLayer.name === options.embeddingLayer)
    : (() => {
        const found = nodes.filter((n) => EMBEDDINGS.has(n.outboundLayer.getClassName()));
        return found.length === 1 ? found[0] : undefined;
      })();
  if (!embeddingNode) {
    throw new UnsupportedModelError(
      options.embeddingLayer
        ? `No layer named "${options.embeddingLayer}"; layers are: ${graph.layers.map((l) => l.name).join(', ')}`
        : `Could not tell the embedding layer of ${graph.name}: expected exactly one TokenEmbedding or Embedding layer; name it with { embeddingLayer }`,
      { layers: graph.layers.map((l) => l.name) },
    );
  }
  const embeddingLayer = embeddingNode.outboundLayer;
  const embeddingOutput = embeddingNode.outputTensors[0];
  if (!embeddingOutput) throw new UnsupportedModelError(`The embedding layer ${embeddingLayer.name} of ${graph.name} has no output`);
  const embeddingId = embeddingOutput.id;
  const attentionLayers = nodes.map((n) => n.outboundLayer).filter((l): l is GraphLayer & AttentionLayer => isAttentionLayer(l));
  const [firstAttention] = attentionLayers;
  if (!firstAttention) {
    throw new UnsupportedModelError(`${graph.name} has no attention layers (MultiHeadSelfAttention or TransformerEncoder from @glassbox/attention)`);
  }
  const numHeads = firstAttention.numHeads;
  if (attentionLayers.some((l) => l.numHeads !== numHeads)) {
    throw new UnsupportedModelError(`attention layers of ${graph.name} have different head counts (${attentionLayers.map((l) => l.numHeads).join(', ')})`);
  }
  const config = (embeddingLayer as unknown as { getConfig(): Record<string, unknown> }).getConfig();
  const vocabularySize = (config.vocabularySize ?? config.inputDim) as number | undefined;
  const inputId = graphInput.id;
  const outputId = graphOutput.id;
  const numLayers = attentionLayers.length;

  const embed = (ids: tf.Tensor): tf.Tensor =>
    tf.tidy(() => runLayersGraph(graph, { values: new Map([[inputId, ids]]), masks: new Map() }, embeddingId).value);

  const forwardFromEmbeddings = (embeddings: tf.Tensor, opts: ForwardOptions = {}): AttentionForward => {
    const offsets = opts.attentionOffsets;
    if (offsets && offsets.length !== numLayers) {
      throw new InvalidInputError(`Got ${offsets.length} attention offsets; ${graph.name} has ${numLayers} attention layers`, {
        expected: numLayers,
        received: offsets.length,
      });
    }
    return tf.tidy(() => {
      const values = new Map<number, tf.Tensor>([[embeddingId, embeddings]]);
      const masks = new Map<number, tf.Tensor | null>();
      if (opts.tokenIds) {
        values.set(inputId, opts.tokenIds);
        masks.set(embeddingId, embeddingLayer.supportsMasking ? (maskOf(embeddingLayer, opts.tokenIds) ?? null) : null);
      }
      const { value, attention } = runLayersGraph(graph, { values, masks }, outputId, offsets);
      return { output: value, attention } as unknown as tf.TensorContainer;
    }) as unknown as AttentionForward;
  };

  const decode =
    options.decode ??
    (options.vocabulary ? (ids: readonly number[]) => ids.map((i) => options.vocabulary![i] ?? `<${i}>`) : undefined);
  const access: AttentionAccess = {
    numLayers,
    numHeads,
    // AttentionAccess (core) declares its optional members without `| undefined`: leave absent ones out.
    ...(vocabularySize !== undefined && { vocabularySize }),
    ...(embeddingLayer.supportsMasking && { padTokenId: 0 }),
    embed,
    forwardFromEmbeddings,
    ...(decode && { decode }),
  };
  // Differentiable, with a zero gradient for the (discrete) token ids: gradient methods for text
  // start from the embedding output instead (the mask ops on the ids have no tfjs gradient).
  const forward = (x: tf.Tensor) =>
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const ids = args[0] as tf.Tensor;
      return { value: forwardFromEmbeddings(embed(ids), { tokenIds: ids }).output, gradFunc: () => [tf.zerosLike(ids)] };
    })(x);
  const perExample = (shape: (number | null)[]) => shape.slice(1).map((d) => d ?? -1);
  const model: Model = {
    specVersion: MODEL_SPEC_VERSION,
    name: options.name ?? graph.name,
    inputShape: perExample(graphInput.shape),
    outputShape: perExample(graphOutput.shape),
    capabilities: new Set(['attention', 'gradients']),
    ...(options.classNames && { classNames: options.classNames }),
    attention: access,
    predict: async (x) => {
      validateTokenIds((await x.data()) as Float32Array, x.shape[1] ?? 1, access);
      return tf.tidy(() => forward(x));
    },
    forward,
  };
  if (options.ownsModel) model.dispose = () => (layersModel as { dispose(): unknown }).dispose();
  return model;
}

const maskOf = (layer: GraphLayer, ids: tf.Tensor): tf.Tensor | undefined => {
  const m = layer.computeMask(ids);
  return (Array.isArray(m) ? m[0] : m) ?? undefined;
};
