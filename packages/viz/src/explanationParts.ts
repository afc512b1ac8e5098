import type { Explanation } from '@glassbox/core';
import type { TreeNode } from './TreeNode';
import { invalidInput } from './vizError';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Example `example`'s token scores and tokens of a `token-attribution` explanation: shape
 * `[batch, tokens]`, or `[batch, tokens, dims]` summed over `dims`. Tokens come from
 * `labels.tokens[example]`, else `#0, #1, …`.
 * @example `const { tokens, scores } = tokenScores(e, 0);`
 */
export function tokenScores(e: Explanation, example = 0): { tokens: string[]; scores: Float32Array } {
  const [batch = 0, n = 0] = e.attributionShape;
  if (!(example >= 0 && example < batch)) throw invalidInput(`Example ${example} is out of range; the explanation has ${batch}`);
  const per = sizeOf(e.attributionShape.slice(1)), dims = per / Math.max(1, n);
  const src = e.attributions.subarray(example * per, (example + 1) * per);
  const scores = new Float32Array(n);
  for (let t = 0; t < n; t++) for (let d = 0; d < dims; d++) scores[t] = scores[t]! + src[t * dims + d]!;
  const tokens = e.labels?.tokens?.[example]?.slice(0, n) ?? [];
  while (tokens.length < n) tokens.push(`#${tokens.length}`);
  return { tokens, scores };
}

/**
 * Example `example`'s attention matrix of an `attention-map` explanation: shape `[batch, q, k]`, or
 * `[batch, heads, q, k]` averaged over heads. Tokens as in {@link tokenScores}.
 * @example `const { matrix, tokens } = attentionMatrixOf(e, 0);`
 */
export function attentionMatrixOf(e: Explanation, example = 0): { matrix: Float32Array; rows: number; cols: number; tokens: string[] } {
  const shape = e.attributionShape;
  const batch = shape[0] ?? 0;
  if (!(example >= 0 && example < batch)) throw invalidInput(`Example ${example} is out of range; the explanation has ${batch}`);
  const heads = shape.length === 4 ? shape[1] : 1, rows = shape[shape.length - 2], cols = shape[shape.length - 1];
  if ((shape.length !== 3 && shape.length !== 4) || heads === undefined || rows === undefined || cols === undefined) {
    throw invalidInput(`Attention maps need shape [batch, q, k] or [batch, heads, q, k]; got [${shape.join(', ')}]`);
  }
  const per = heads * rows * cols;
  const src = e.attributions.subarray(example * per, (example + 1) * per);
  const matrix = new Float32Array(rows * cols);
  for (let h = 0; h < heads; h++) for (let i = 0; i < rows * cols; i++) matrix[i] = matrix[i]! + src[h * rows * cols + i]! / heads;
  const tokens = e.labels?.tokens?.[example]?.slice(0, rows) ?? [];
  while (tokens.length < rows) tokens.push(`#${tokens.length}`);
  return { matrix, rows, cols, tokens };
}

/** The surrogate tree in `data` (itself a {@link TreeNode}, or under `data.tree`), if there is one. */
export function treeOf(e: Pick<Explanation, 'data'>): TreeNode | undefined {
  const looksLikeTree = (v: unknown): v is TreeNode =>
    !!v && typeof v === 'object' && ('left' in v || 'right' in v || 'prediction' in v || 'feature' in v);
  const d = e.data as { tree?: unknown; renderTree?: unknown } | undefined;
  if (looksLikeTree(d)) return d;
  if (d && looksLikeTree(d.renderTree)) return d.renderTree;
  if (d && looksLikeTree(d.tree)) return d.tree;
  return undefined;
}

/**
 * JSON-safe form of an explanation: typed arrays become nested arrays in their shapes — the same
 * layout as `@glassbox/core`'s `explanationToJSON` (pass that as `toJSON` to use it directly).
 */
export function explanationToPlainJson(e: Explanation): Record<string, unknown> {
  const nest = (flat: Float32Array, shape: number[]): unknown => {
    if (shape.length <= 1) return Array.from(flat);
    const step = sizeOf(shape.slice(1));
    return Array.from({ length: shape[0]! }, (_, i) => nest(flat.subarray(i * step, (i + 1) * step), shape.slice(1)));
  };
  return {
    ...e,
    inputs: nest(e.inputs, e.inputShape),
    outputs: nest(e.outputs, e.outputShape),
    attributions: nest(e.attributions, e.attributionShape),
  };
}
