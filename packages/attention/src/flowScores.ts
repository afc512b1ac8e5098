import { FlowNetwork } from './FlowNetwork';
import { discardWeakest, withResidual } from './rolloutMatrix';

/** Options of {@link flowScores}. */
export interface FlowOptions {
  /** Fraction in [0, 1) of each layer's weakest links (between active tokens) dropped before the residual is added. */
  discardRatio?: number | undefined;
  /** Divide the flows by their sum, so that they sum to 1 like a rollout row (default true). */
  normalize?: boolean | undefined;
  /** Tokens that take part (e.g. the non-padding ones); others get no node. Default: all. */
  active?: readonly boolean[] | undefined;
}

/**
 * Attention flow (Abnar & Zuidema, 2020) for one query token: the attention layers become a layered
 * graph (nodes are the tokens of each layer, edge `(l−1, j) → (l, i)` has capacity `Â_l[i, j]`, the
 * head-fused attention with the residual added and rows renormalised), and the score of input token
 * `j` is the value of a maximum flow from `j` in the input layer to `query` in the last layer,
 * computed exactly with {@link FlowNetwork}.
 *
 * @example
 * ```ts
 * const a = Float32Array.of(1, 0, 0.5, 0.5);         // one layer, two tokens
 * flowScores([a], 2, 1, { normalize: false });        // Float32Array [0.25, 0.75]
 * ```
 */
export function flowScores(layers: readonly Float32Array[], tokens: number, query: number, options: FlowOptions = {}): Float32Array {
  const { discardRatio = 0, normalize = true, active } = options;
  if (!(query >= 0 && query < tokens)) throw new RangeError(`query ${query} is outside tokens 0…${tokens - 1}`);
  const on = (i: number) => !active || active[i];
  const L = layers.length;
  const out = new Float32Array(tokens);
  if (L === 0) {
    out[query] = 1;
    return out;
  }
  const net = new FlowNetwork((L + 1) * tokens);
  layers.forEach((layer, l) => {
    if (layer.length !== tokens * tokens) throw new RangeError(`layer ${l} has ${layer.length} values; expected ${tokens}×${tokens}`);
    const a = withResidual(discardWeakest(Float32Array.from(layer), discardRatio, active), tokens);
    for (let i = 0; i < tokens; i++) {
      // Into the last layer only the query node matters: edges into other nodes there lead nowhere.
      if (!on(i) || (l === L - 1 && i !== query)) continue;
      for (let j = 0; j < tokens; j++) {
        const c = a[i * tokens + j]!;
        if (c > 0 && on(j)) net.addEdge(l * tokens + j, (l + 1) * tokens + i, c);
      }
    }
  });
  const sink = L * tokens + query;
  let sum = 0;
  for (let j = 0; j < tokens; j++) {
    if (!on(j)) continue;
    out[j] = net.maxFlow(j, sink);
    sum += out[j]!;
  }
  if (normalize && sum > 0) for (let j = 0; j < tokens; j++) out[j]! /= sum;
  return out;
}
