import type { Explainer, OptionSchema } from '@glassbox/core';
import { attentionSelectionSchema, type AttentionSelectionOptions } from './AttentionSelectionOptions';
import { FUSIONS, fuseMatrices, type Fusion } from './fuseMatrices';
import { fusedAttentionMaps } from './fusedAttentionMaps';
import { defineAttentionExplainer } from './defineAttentionExplainer';

/** Options of {@link rawAttention}. */
export interface RawAttentionOptions extends AttentionSelectionOptions {
  layerFusion: Fusion;
}

/** What an attention-map explanation carries in `data`: the layers and heads used. */
export interface AttentionMapData {
  layers: number[];
  heads: number[];
}

const schema: OptionSchema<RawAttentionOptions> = {
  ...attentionSelectionSchema([-1], 'How the selected heads of a layer are combined'),
  layerFusion: { type: 'enum', values: FUSIONS, default: 'mean', description: 'How the selected layers are combined' },
};

/**
 * Raw attention maps (method id `attention`): the attention weights of the selected layers and
 * heads, fused by mean, max or min. Kind `attention-map`: attributions are `[batch, queries, keys]`
 * (row `q` is what token `q` attends to) and `labels.tokens` names both axes when the model can
 * decode its ids. The target does not change the result.
 *
 * @example
 * ```ts
 * const e = await rawAttention({ layers: [0], headFusion: 'max' }).explain(model, [ids]);
 * e.attributionShape; // [1, seq, seq]
 * ```
 */
export function rawAttention(defaults: Partial<RawAttentionOptions> = {}): Explainer<RawAttentionOptions, 'attention-map', AttentionMapData> {
  return defineAttentionExplainer({
    name: 'attention',
    kind: 'attention-map',
    description: 'Raw attention weights of the selected layers and heads, fused by mean, max or min',
    options: schema,
    defaults,
    run: (request) =>
      fusedAttentionMaps(request, 'attention', (fused) => fuseMatrices(fused, request.options.layerFusion)),
  });
}
