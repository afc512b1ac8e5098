import * as tf from '@tensorflow/tfjs-core';
import { runChunks, selectTargets, type Explainer, type OptionSchema } from '@glassbox/core';
import { attentionSelectionSchema, type AttentionSelectionOptions } from './AttentionSelectionOptions';
import { attentionBytesPerExample } from './attentionBytesPerExample';
import { gradRolloutMatrix } from './gradRolloutMatrix';
import type { AttentionMapData } from './rawAttention';
import { checkAttention } from './readAttention';
import { resolveAttentionInputs } from './resolveAttentionInputs';
import { tokenLabels } from './tokenLabels';
import { defineAttentionExplainer } from './defineAttentionExplainer';

/** Options of {@link attentionGradRollout}. */
export interface AttentionGradRolloutOptions extends AttentionSelectionOptions {
  gradientOf: 'output' | 'logit';
}

const schema: OptionSchema<AttentionGradRolloutOptions> = {
  ...attentionSelectionSchema('all', 'How the heads’ positive gradient×attention are combined (the paper: mean)'),
  gradientOf: {
    type: 'enum',
    values: ['output', 'logit'],
    default: 'output',
    description:
      'Differentiate the target output as is, or (softmax outputs) its logit recovered as log p_t − mean_j log p_j, which does not vanish when the prediction saturates (the paper uses logits)',
  },
};

/** The target score whose gradient weights the attention: the output, or the centred log-probability. */
function targetScore(output: tf.Tensor, targets: number[], gradientOf: 'output' | 'logit'): tf.Tensor {
  if (gradientOf === 'output') return tf.sum(selectTargets(output, targets));
  const logs = tf.log(tf.maximum(tf.reshape(output, [output.shape[0], -1]), 1e-30));
  return tf.sum(tf.sub(selectTargets(logs, targets), tf.mean(logs, 1)));
}

/**
 * Gradient-weighted attention rollout (Chefer, Gur & Wolf, 2021; method id
 * `attention-grad-rollout`): per selected layer `Ā = mean_h (∇A ⊙ A)⁺`, with `∇A` the gradient
 * of the target output with respect to the attention weights (through the model's attention
 * offsets), accumulated as `R ← R + Ā·R` from `R = I` (see {@link gradRolloutMatrix}). Kind
 * `attention-map`, `[batch, queries, keys]`; row 0 is the relevance for a `[CLS]`-pooled classifier.
 * Class-specific: the target matters. With softmax outputs, `gradientOf: 'logit'` follows the
 * paper (logit gradients) and keeps confident predictions from zeroing the map.
 *
 * @example
 * ```ts
 * const e = await attentionGradRollout().explain(model, [ids], { target: 1 });
 * ```
 */
export function attentionGradRollout(defaults: Partial<AttentionGradRolloutOptions> = {}): Explainer<AttentionGradRolloutOptions, 'attention-map', AttentionMapData> {
  return defineAttentionExplainer({
    name: 'attention-grad-rollout',
    kind: 'attention-map',
    description: 'Gradient-weighted attention rollout (Chefer et al. 2021): positive gradient×attention accumulated through the layers',
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const access = model.attention;
      const { batch, tokens, layers, heads, ids } = await resolveAttentionInputs(access, inputs, options);
      const per = tokens * tokens;
      const perHeads = access.numHeads * per;
      const values = new Float32Array(batch * per);
      const n = layers.length;
      const plan = await runChunks({
        total: batch,
        context,
        stage: 'attention-grad-rollout',
        cost: { bytesPerItem: attentionBytesPerExample(access.numLayers, access.numHeads, tokens, true) },
        compute: (start, end) => {
          const x = tf.slice(inputs, [start, 0], [end - start, tokens]);
          const emb = access.embed(x);
          const { attention } = access.forwardFromEmbeddings(emb, { tokenIds: x });
          checkAttention(attention, access, end - start, tokens);
          const chunkTargets = targets.slice(start, end);
          const f = (...offsets: tf.Tensor[]) =>
            targetScore(access.forwardFromEmbeddings(emb, { tokenIds: x, attentionOffsets: offsets }).output, chunkTargets, options.gradientOf);
          const grads = tf.grads(f)(attention.map((a) => tf.zerosLike(a)));
          // checked: one tensor per model layer (and one gradient each), and layers are resolved indices
          return [...layers.map((l) => attention[l]!), ...layers.map((l) => grads[l]!)];
        },
        collect: (data, start, end) => {
          for (let e = start; e < end; e++) {
            const at = (d: Float32Array) => d.subarray((e - start) * perHeads, (e - start + 1) * perHeads);
            const stack = layers.map((_, i) => ({ attention: at(data[i]!), gradient: at(data[n + i]!) }));
            values.set(gradRolloutMatrix(stack, access.numHeads, tokens, { heads, headFusion: options.headFusion }), e * per);
          }
        },
      });
      return {
        attributions: { values, shape: [batch, tokens, tokens] },
        diagnostics: { ...plan, layers, heads },
        data: { layers, heads },
        ...tokenLabels(access, ids, batch, tokens),
      };
    },
  });
}
