import type { Explainer, OptionSchema } from '@glassbox/core';
import { attentionSelectionSchema, type AttentionSelectionOptions } from './AttentionSelectionOptions';
import type { AttentionMapData } from './rawAttention';
import { fusedAttentionMaps } from './fusedAttentionMaps';
import { rolloutMatrix } from './rolloutMatrix';
import { defineAttentionExplainer } from './defineAttentionExplainer';

/** Options of {@link attentionRollout}. */
export interface AttentionRolloutOptions extends AttentionSelectionOptions {
  discardRatio: number;
}

const schema: OptionSchema<AttentionRolloutOptions> = {
  ...attentionSelectionSchema('all', 'How the selected heads of each layer are combined'),
  discardRatio: { type: 'number', min: 0, max: 0.99, default: 0, description: "Fraction of each layer's weakest attention links between real (non-padding) tokens set to zero" },
};

/**
 * Attention rollout (Abnar & Zuidema, 2020; method id `attention-rollout`): per selected layer the
 * fused heads get the residual connection added and rows renormalised, optionally after dropping
 * the weakest links, and the layers are multiplied from the input up (see {@link rolloutMatrix}).
 * Kind `attention-map`, `[batch, queries, keys]`: row `q` is how much each input token reaches
 * token `q` of the last layer (row 0 for a `[CLS]`-pooled classifier). Target-independent.
 *
 * @example
 * ```ts
 * const e = await attentionRollout({ discardRatio: 0.9, headFusion: 'max' }).explain(model, [ids]);
 * attentionTokenScores(e, 0, 0); // what reached [CLS]
 * ```
 */
export function attentionRollout(defaults: Partial<AttentionRolloutOptions> = {}): Explainer<AttentionRolloutOptions, 'attention-map', AttentionMapData> {
  return defineAttentionExplainer({
    name: 'attention-rollout',
    kind: 'attention-map',
    description: 'Attention rollout (Abnar & Zuidema 2020): layer attention with residuals, multiplied through the layers',
    options: schema,
    defaults,
    run: (request) =>
      fusedAttentionMaps(request, 'attention-rollout', (fused, tokens, active) => rolloutMatrix(fused, tokens, { discardRatio: request.options.discardRatio, active })),
  });
}
