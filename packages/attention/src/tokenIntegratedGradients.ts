import * as tf from '@tensorflow/tfjs-core';
import type { Explainer, OptionSchema } from '@glassbox/core';
import { INTEGRATION_RULES, integrate, type IntegrationRule } from '@glassbox/integrated-gradients';
import { validateTokenIds } from './tokenInputs';
import { tokenLabels } from './tokenLabels';
import { defineAttentionExplainer } from './defineAttentionExplainer';

/** Options of {@link tokenIntegratedGradients}. */
export interface TokenIntegratedGradientsOptions {
  steps: number;
  rule: IntegrationRule;
  baseline: 'pad' | 'zeros';
}

const schema: OptionSchema<TokenIntegratedGradientsOptions> = {
  steps: { type: 'number', integer: true, min: 1, max: 1024, default: 32, description: 'Points on the path from baseline to input' },
  rule: { type: 'enum', values: INTEGRATION_RULES, default: 'gausslegendre', description: 'Integration rule (as in integrated-gradients)' },
  baseline: {
    type: 'enum',
    values: ['pad', 'zeros'],
    default: 'pad',
    description: 'Baseline embeddings: the padding token at every position (positions kept), or all zeros (poor with layer norm, which is singular at 0)',
  },
};

/**
 * Integrated gradients over token embeddings (method id `token-integrated-gradients`): the path
 * integral from a baseline embedding to the input's embedding output (tfjs cannot differentiate
 * through an embedding lookup on every backend, so the path starts there), times `(E − B)`,
 * summed over the embedding dimension into one score per token. The integration is
 * `@glassbox/integrated-gradients`' `integrate` (batched chunks sized by measuring the model);
 * the token ids ride along as one extra channel that is equal in input and baseline, so every
 * path point keeps the input's padding mask and that channel's attribution is exactly zero.
 * Kind `token-attribution`, `[batch, tokens]`; scores add up to `f(x) − f(baseline)`
 * (`convergenceDelta` is the gap; ReLU kinks slow the quadrature down, so check it and raise
 * `steps`). Prefer the `pad` baseline: with `zeros` a layer-normalised model changes abruptly
 * near the baseline and no step count is enough.
 *
 * @example
 * ```ts
 * const e = await tokenIntegratedGradients({ steps: 64 }).explain(model, [ids], { target: 1 });
 * e.convergenceDelta; // [≈0]
 * ```
 */
export function tokenIntegratedGradients(
  defaults: Partial<TokenIntegratedGradientsOptions> = {},
): Explainer<TokenIntegratedGradientsOptions, 'token-attribution'> {
  return defineAttentionExplainer({
    name: 'token-integrated-gradients',
    kind: 'token-attribution',
    description: 'Integrated gradients from the embedding output, summed per token',
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const access = model.attention;
      const [batch, tokens] = inputs.shape as [number, number];
      const ids = (await inputs.data()) as Float32Array;
      validateTokenIds(ids, tokens, access);
      // [b, s, d + 1]: the embeddings and, as the last channel, the token ids.
      const [packed, packedBaseline] = tf.tidy(() => {
        const emb = access.embed(inputs);
        const base = options.baseline === 'zeros' ? tf.zerosLike(emb) : access.embed(tf.fill(inputs.shape, access.padTokenId ?? 0));
        const idChannel = tf.reshape(tf.cast(inputs, 'float32'), [batch, tokens, 1]);
        return [tf.concat([emb, idChannel], 2), tf.concat([base, idChannel], 2)];
      });
      try {
        const dModel = packed.shape[2]! - 1;
        const forward = (x: tf.Tensor) => {
          const [m, s] = x.shape as [number, number, number];
          // Read the ids off the tape: the mask is a constant of the path, not a function of it.
          const tokenIds = tf.tensor2d(tf.slice(x, [0, 0, dModel], [m, s, 1]).dataSync() as Float32Array, [m, s]);
          return access.forwardFromEmbeddings(tf.slice(x, [0, 0, 0], [m, s, dModel]), { tokenIds }).output;
        };
        const r = await integrate({
          forward,
          inputs: packed,
          baselines: packedBaseline,
          targets,
          rule: options.rule,
          steps: options.steps,
          context,
          stage: 'token-integrated-gradients',
        });
        const values = new Float32Array(batch * tokens);
        for (let i = 0; i < batch * tokens; i++) {
          let s = 0;
          for (let k = 0; k <= dModel; k++) s += r.attributions[i * (dModel + 1) + k]!;
          values[i] = s;
        }
        return {
          attributions: { values, shape: [batch, tokens] },
          convergenceDelta: r.convergenceDelta,
          diagnostics: { steps: options.steps, chunkSize: r.chunkSize, chunks: r.chunks, bytesPerItem: r.bytesPerItem, baselineOutputs: r.fBaselines },
          ...tokenLabels(access, ids, batch, tokens),
        };
      } finally {
        tf.dispose([packed, packedBaseline]);
      }
    },
  });
}
