import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, UnsupportedModelError, shapeOfNested, type AttentionAccess, type ExplainInput, type Explainer } from '@glassbox/core';

/**
 * Refuses token ids that are not integers in `[0, vocabularySize)` (when the model states its
 * vocabulary size), naming the first bad one.
 */
export function validateTokenIds(ids: Float32Array, tokens: number, access: AttentionAccess): void {
  const vocab = access.vocabularySize;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i]!;
    if (!Number.isInteger(v) || v < 0 || (vocab !== undefined && v >= vocab)) {
      throw new InvalidInputError(
        `Token id ${v} at example ${Math.floor(i / tokens)}, position ${i % tokens} is invalid; expected an integer in [0, ${vocab === undefined ? '∞' : vocab - 1}]`,
        { example: Math.floor(i / tokens), position: i % tokens, id: v, vocabularySize: vocab },
      );
    }
  }
}

/** Token strings per example from the model's decoder, or undefined when it has none. */
export function decodeTokens(access: AttentionAccess, ids: Float32Array, batch: number, tokens: number): string[][] | undefined {
  if (!access.decode) return undefined;
  return Array.from({ length: batch }, (_, b) => {
    const names = access.decode!(Array.from(ids.subarray(b * tokens, (b + 1) * tokens)));
    if (!Array.isArray(names) || names.length !== tokens) {
      throw new UnsupportedModelError(`The model's decode returned ${Array.isArray(names) ? names.length : 'no'} tokens for ${tokens} ids`, { expected: tokens });
    }
    return names.map(String);
  });
}

function shapeOfInput(inputs: ExplainInput): number[] | undefined {
  if (inputs instanceof tf.Tensor) return inputs.shape;
  if (inputs && typeof inputs === 'object' && !Array.isArray(inputs) && 'shape' in inputs) return [...inputs.shape];
  try {
    return shapeOfNested(inputs, 'input');
  } catch {
    return undefined; // malformed input: core's validation reports it
  }
}

/**
 * Refuses `labels.tokens` that do not name every token of every example (one list per example,
 * one name per position) with `InvalidInputError`, before any work starts.
 */
export function checkTokenLabels(tokens: unknown, inputs: ExplainInput): void {
  if (tokens === undefined) return;
  const shape = shapeOfInput(inputs);
  if (!shape || shape.length !== 2) return;
  const [batch, length] = shape;
  if (!Array.isArray(tokens) || tokens.length !== batch) {
    throw new InvalidInputError(`labels.tokens has ${Array.isArray(tokens) ? tokens.length : 'no'} lists for ${batch} examples; expected one list of ${length} token names per example`, {
      expected: [batch, length],
    });
  }
  tokens.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== length || !row.every((t) => typeof t === 'string')) {
      throw new InvalidInputError(
        `labels.tokens[${i}] has ${Array.isArray(row) ? row.length : 'no'} names for ${length} tokens; expected ${length} strings (one per position, padding included)`,
        { example: i, expected: length, received: Array.isArray(row) ? row.length : null },
      );
    }
  });
}

/** The explainer with `explain` checking `labels.tokens` against the input first. */
export function withTokenLabelCheck<E extends Explainer<any, any, any>>(explainer: E): E {
  return {
    ...explainer,
    explain: (model, inputs, call) => {
      try {
        checkTokenLabels(call?.labels?.tokens, inputs);
      } catch (e) {
        return Promise.reject(e);
      }
      return explainer.explain(model, inputs, call);
    },
  };
}
