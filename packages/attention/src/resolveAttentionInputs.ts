import type { AttentionAccess } from '@glassbox/core';
import type * as tf from '@tensorflow/tfjs-core';
import { resolveSelection, type IndexSelection } from './indexSelection';
import { validateTokenIds } from './tokenInputs';

/** What the attention methods read first: sizes, the selected layers and heads, and the validated token ids. */
export interface AttentionInputs {
  batch: number;
  tokens: number;
  layers: number[];
  heads: number[];
  ids: Float32Array;
}

/**
 * Resolves the layer and head selections against the model and reads the token ids `[batch, tokens]`
 * of `inputs`, refusing ids outside the vocabulary.
 */
export async function resolveAttentionInputs(
  access: AttentionAccess,
  inputs: tf.Tensor,
  options: { readonly layers: IndexSelection; readonly heads: IndexSelection },
): Promise<AttentionInputs> {
  const [batch, tokens] = inputs.shape as [number, number];
  const layers = resolveSelection(options.layers, access.numLayers, 'layers');
  const heads = resolveSelection(options.heads, access.numHeads, 'heads');
  const ids = (await inputs.data()) as Float32Array;
  validateTokenIds(ids, tokens, access);
  return { batch, tokens, layers, heads, ids };
}
