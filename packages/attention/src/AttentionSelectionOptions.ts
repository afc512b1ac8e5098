import type { OptionSchema } from '@glassbox/core';
import { FUSIONS, type Fusion } from './fuseMatrices';
import { indexSelectionSpec, type IndexSelection } from './indexSelection';

/** The options every attention method shares: which layers and heads, and how heads are fused. */
export interface AttentionSelectionOptions {
  layers: IndexSelection;
  heads: IndexSelection;
  headFusion: Fusion;
}

/** The option specs of {@link AttentionSelectionOptions}: all heads by default, fused by mean. */
export function attentionSelectionSchema(layers: IndexSelection, headFusionDescription: string): OptionSchema<AttentionSelectionOptions> {
  return {
    layers: indexSelectionSpec('layers', layers),
    heads: indexSelectionSpec('heads', 'all'),
    headFusion: { type: 'enum', values: FUSIONS, default: 'mean', description: headFusionDescription },
  };
}
