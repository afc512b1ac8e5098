import type { ExplainRequest, ExplainResult } from '@glassbox/core';
import type { AttentionSelectionOptions } from './AttentionSelectionOptions';
import { fuseHeads } from './fuseMatrices';
import type { AttentionMapData } from './rawAttention';
import { readAttention } from './readAttention';
import { resolveAttentionInputs } from './resolveAttentionInputs';
import { tokenLabels } from './tokenLabels';

/**
 * The body shared by the attention-map methods that read the selected layers' attention, fuse
 * the selected heads, then combine the per-layer matrices into one token × token map per example
 * (`combine`: layer fusion for raw attention, the rollout product for rollout). `combine` also
 * gets which tokens are real (not padding).
 */
export async function fusedAttentionMaps(
  { model, inputs, options, context }: ExplainRequest<AttentionSelectionOptions, 'attention'>,
  stage: string,
  combine: (perLayer: Float32Array[], tokens: number, active: boolean[]) => Float32Array,
): Promise<ExplainResult<AttentionMapData>> {
  const access = model.attention;
  const { batch, tokens, layers, heads, ids } = await resolveAttentionInputs(access, inputs, options);
  const per = tokens * tokens;
  const values = new Float32Array(batch * per);
  const diagnostics = await readAttention(access, inputs, layers, context, stage, (e, maps) => {
    const fused = maps.map((m) => fuseHeads(m, access.numHeads, tokens, heads, options.headFusion));
    const active = Array.from({ length: tokens }, (_, i) => access.padTokenId === undefined || ids[e * tokens + i] !== access.padTokenId);
    values.set(combine(fused, tokens, active), e * per);
  });
  return {
    attributions: { values, shape: [batch, tokens, tokens] },
    diagnostics: { ...diagnostics, layers, heads },
    data: { layers, heads },
    ...tokenLabels(access, ids, batch, tokens),
  };
}
