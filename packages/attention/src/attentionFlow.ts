import { InvalidOptionError, type Explainer, type OptionSchema } from '@glassbox/core';
import { flowScores } from './flowScores';
import { attentionSelectionSchema, type AttentionSelectionOptions } from './AttentionSelectionOptions';
import { fuseHeads } from './fuseMatrices';
import { resolveSelection } from './indexSelection';
import { readAttention } from './readAttention';
import { validateTokenIds } from './tokenInputs';
import { tokenLabels } from './tokenLabels';
import { defineAttentionExplainer } from './defineAttentionExplainer';

/** Options of {@link attentionFlow}. */
export interface AttentionFlowOptions extends AttentionSelectionOptions {
  discardRatio: number;
  query: number;
  normalize: boolean;
}

/** What an attention-flow explanation carries in `data`. */
export interface AttentionFlowData {
  layers: number[];
  heads: number[];
  /** The query token whose last-layer node is the sink (−1: the mean over all non-padding queries). */
  query: number;
}

const schema: OptionSchema<AttentionFlowOptions> = {
  ...attentionSelectionSchema('all', 'How the selected heads of each layer are combined'),
  discardRatio: { type: 'number', min: 0, max: 0.99, default: 0, description: "Fraction of each layer's weakest attention links between real (non-padding) tokens dropped from the graph" },
  query: {
    type: 'number',
    integer: true,
    min: -1,
    default: 0,
    description: 'Token whose last-layer node is the sink (0: [CLS]); -1 averages over every non-padding token (one max-flow per token pair: slow)',
  },
  normalize: { type: 'boolean', default: true, description: 'Divide the flows by their sum so that they sum to 1' },
};

/**
 * Attention flow (Abnar & Zuidema, 2020; method id `attention-flow`): the selected layers' fused
 * attention (residual added, rows renormalised) becomes a layered flow network, and each input
 * token's score is the exact maximum flow from it to the query token's node in the last layer
 * (Dinic's algorithm on float capacities, see {@link flowScores}). Kind `token-attribution`,
 * `[batch, tokens]`. One max-flow per token and example: use rollout for long sequences in bulk.
 *
 * @example
 * ```ts
 * const e = await attentionFlow({ query: 0 }).explain(model, [ids]);
 * e.labels?.tokens?.[0]; // the tokens the scores belong to
 * ```
 */
export function attentionFlow(defaults: Partial<AttentionFlowOptions> = {}): Explainer<AttentionFlowOptions, 'token-attribution', AttentionFlowData> {
  return defineAttentionExplainer({
    name: 'attention-flow',
    kind: 'token-attribution',
    description: 'Attention flow (Abnar & Zuidema 2020): exact max-flow from each input token to the query through the attention graph',
    options: schema,
    defaults,
    async run({ model, inputs, options, context }) {
      const access = model.attention;
      const [batch, tokens] = inputs.shape as [number, number];
      const layers = resolveSelection(options.layers, access.numLayers, 'layers');
      const heads = resolveSelection(options.heads, access.numHeads, 'heads');
      if (options.query >= tokens) {
        throw new InvalidOptionError(`Option "query": token ${options.query} is out of range; sequences have ${tokens} tokens, so expected -1 … ${tokens - 1}`, {
          option: 'query',
          value: options.query,
          tokens,
        });
      }
      const ids = (await inputs.data()) as Float32Array;
      validateTokenIds(ids, tokens, access);
      if (options.query >= 0 && access.padTokenId !== undefined) {
        for (let e = 0; e < batch; e++) {
          if (ids[e * tokens + options.query] !== access.padTokenId) continue;
          let real = 0;
          for (let i = 0; i < tokens; i++) if (ids[e * tokens + i] !== access.padTokenId) real++;
          throw new InvalidOptionError(
            `Option "query": token ${options.query} of example ${e} is padding, which receives no attention flow (its scores would all be 0); choose a real token (example ${e} has ${real} real tokens) or -1 for the mean over real tokens`,
            { option: 'query', value: options.query, example: e, realTokens: real },
          );
        }
      }
      const values = new Float32Array(batch * tokens);
      const flowOptions = { discardRatio: options.discardRatio, normalize: options.normalize };
      const diagnostics = await readAttention(access, inputs, layers, context, 'attention-flow', (e, maps) => {
        const fused = maps.map((m) => fuseHeads(m, access.numHeads, tokens, heads, options.headFusion));
        const active = Array.from({ length: tokens }, (_, i) => access.padTokenId === undefined || ids[e * tokens + i] !== access.padTokenId);
        const queries = options.query >= 0 ? [options.query] : active.flatMap((on, i) => (on ? [i] : []));
        const out = values.subarray(e * tokens, (e + 1) * tokens);
        for (const q of queries) {
          const f = flowScores(fused, tokens, q, { ...flowOptions, active });
          for (let j = 0; j < tokens; j++) out[j]! += f[j]! / queries.length;
        }
      });
      return {
        attributions: { values, shape: [batch, tokens] },
        diagnostics: { ...diagnostics, layers, heads },
        data: { layers, heads, query: options.query },
        ...tokenLabels(access, ids, batch, tokens),
      };
    },
  });
}
