import type { ExplainRequest, ExplainResult } from '@glassbox/core';
import { fuseHeads, type Fusion } from './fuseMatrices';
import { resolveSelection, type IndexSelection } from './indexSelection';
import type { AttentionMapData } from './rawAttention';
import { readAttention } from './readAttention';
import { decodeTokens, validateTokenIds } from './tokenInputs';

/**
 * The body shared by the attention-map methods that read the selected layers' attention, fuse
 * the selected heads, then combine the per-layer matrices into one token × token map per example
 * (`combine`: layer fusion for raw attention, the rollout product for rollout). `combine` also
 * gets which tokens are real (not padding).
 */
export async function fusedAttentionMaps(
  { model, inputs, options, context }: ExplainRequest<{ layers: IndexSelection; heads: IndexSelection; headFusion: Fusion }, 'attention'>,
  stage: string,
  combine: (perLayer: Float32Array[], tokens: number, active: boolean[]) => Float32Array,
): Promise<ExplainResult<AttentionMapData>> {
  const access = model.attention;
  const [batch, tokens] = inputs.shape;
  const layers = resolveSelection(options.layers, access.numLayers, 'layers');
  const heads = resolveSelection(options.heads, access.numHeads, 'heads');
  const ids = (await inputs.data()) as Float32Array;
  validateTokenIds(ids, tokens, access);
  const per = tokens * tokens;
  const values = new Float32Array(batch * per);
  const diagnostics = await readAttention(access, inputs, layers, context, stage, (e, maps) => {
    const fused = maps.map((m) => fuseHeads(m, access.numHeads, tokens, heads, options.headFusion));
    const active = Array.from({ length: tokens }, (_, i) => access.padTokenId === undefined || ids[e * tokens + i] !== access.padTokenId);
    values.set(combine(fused, tokens, active), e * per);
  });
  const names = decodeTokens(access, ids, batch, tokens);
  return {
    attributions: { values, shape: [batch, tokens, tokens] },
    diagnostics: { ...diagnostics, layers, heads },
    data: { layers, heads },
    labels: names ? { tokens: names } : undefined,
  };
}
