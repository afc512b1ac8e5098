import { InvalidInputError, type Explanation } from '@glassbox/core';

/**
 * One score per token from an explanation of this package: for `token-attribution` the example's
 * scores; for `attention-map` (`[batch, queries, keys]`) row `query` of the example's matrix —
 * what reached that token in the last layer — or with `query = -1` the mean over all rows.
 *
 * @example
 * ```ts
 * const rollout = await attentionRollout().explain(model, [ids]);
 * attentionTokenScores(rollout, 0, 0); // what reached [CLS]
 * ```
 */
export function attentionTokenScores(e: Pick<Explanation, 'kind' | 'attributions' | 'attributionShape'>, example = 0, query = 0): Float32Array {
  // Missing sizes read as 0: an empty shape has no examples; the kind checks below refuse other short shapes.
  const [batch = 0, tokens = 0, keys = 0] = e.attributionShape;
  if (!Number.isInteger(example) || example < 0 || example >= batch) {
    throw new InvalidInputError(`Example ${example} is out of range; the explanation has ${batch} examples`, { example, batch });
  }
  if (e.kind === 'token-attribution' && e.attributionShape.length === 2) return e.attributions.slice(example * tokens, (example + 1) * tokens);
  if (e.kind !== 'attention-map' || e.attributionShape.length !== 3) {
    throw new InvalidInputError(`Expected a token-attribution [batch, tokens] or attention-map [batch, queries, keys] explanation; got ${e.kind} [${e.attributionShape.join(', ')}]`);
  }
  if (!Number.isInteger(query) || query < -1 || query >= tokens) {
    throw new InvalidInputError(`Query ${query} is out of range; expected -1 … ${tokens - 1}`, { query, tokens });
  }
  const m = e.attributions.subarray(example * tokens * keys, (example + 1) * tokens * keys);
  if (query >= 0) return m.slice(query * keys, (query + 1) * keys);
  const out = new Float32Array(keys);
  for (let q = 0; q < tokens; q++) for (let k = 0; k < keys; k++) out[k]! += m[q * keys + k]! / tokens;
  return out;
}

/** The `k` highest-scoring tokens (ties by position), skipping those `skip` rejects (e.g. padding). */
export function topTokens(
  tokens: readonly string[],
  scores: ArrayLike<number>,
  k: number,
  skip: (token: string, index: number) => boolean = () => false,
): { index: number; token: string; score: number }[] {
  if (tokens.length !== scores.length) {
    throw new InvalidInputError(`${tokens.length} tokens but ${scores.length} scores; expected one score per token`);
  }
  return tokens
    .map((token, index) => ({ index, token, score: scores[index]! }))
    .filter((t) => !skip(t.token, t.index))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}
