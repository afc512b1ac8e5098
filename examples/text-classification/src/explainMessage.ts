import * as tf from '@tensorflow/tfjs-core';
import {
  attentionFlow,
  attentionGradRollout,
  attentionRollout,
  attentionTokenScores,
  rawAttention,
  tokenIntegratedGradients,
} from '@glassbox/attention';
import type { Explanation, Model } from '@glassbox/core';
import type { WordTokenizer } from './WordTokenizer';

/** One method's view of a message: a score per (non-padding) token. */
export interface MethodResult {
  method: string;
  title: string;
  /** What the score means, for the report. */
  note: string;
  scores: Float32Array;
  signed: boolean;
  explanation: Explanation;
}

/** Everything the example prints and draws for one message. */
export interface MessageExplanation {
  /** The message's tokens as written (unknown words kept), `[CLS]` first, padding dropped. */
  tokens: string[];
  ids: number[];
  predicted: number;
  probabilities: number[];
  methods: MethodResult[];
  /** The rollout matrix over the message's tokens, `tokens × tokens` row-major. */
  rollout: Float32Array;
}

/**
 * Explains the classifier's decision on `text` with every method of `@glassbox/attention`, for the
 * predicted class. Attention-map methods are read at the `[CLS]` row (what reached the token the
 * classifier reads); padding is dropped from every result.
 *
 * @example
 * ```ts
 * const r = await explainMessage(model, tokenizer, 'Subject: WIN $1000 now!!!');
 * r.methods.map((m) => m.method); // ['attention', 'attention-rollout', …]
 * ```
 */
export async function explainMessage(model: Model, tokenizer: WordTokenizer, text: string, options: { steps?: number } = {}): Promise<MessageExplanation> {
  const ids = tokenizer.encode(text);
  const n = Math.max(1, ids.indexOf(0) < 0 ? ids.length : ids.indexOf(0));
  const shown = tokenizer.tokens(text);
  const labels = { tokens: [ids.map((id, i) => (i < shown.length ? shown[i]! : (tokenizer.vocabulary[id] ?? `[${id}]`)))] };
  const x = tf.tensor2d([ids]);
  try {
    const y = await model.predict(x);
    const probabilities = Array.from((await y.data()) as Float32Array);
    y.dispose();
    const predicted = probabilities[1]! > probabilities[0]! ? 1 : 0; // two outputs: ham, spam
    const call = { target: predicted, labels };
    const rollout = await attentionRollout().explain(model, x, call);
    const specs: [string, string, string, () => Promise<Explanation>, boolean][] = [
      ['attention', 'Raw attention', 'last layer, mean of the heads, [CLS] row', () => rawAttention().explain(model, x, call), false],
      ['attention-rollout', 'Attention rollout', 'all layers with residuals, [CLS] row (Abnar & Zuidema 2020)', async () => rollout, false],
      ['attention-flow', 'Attention flow', 'exact max-flow from each token to [CLS] (Abnar & Zuidema 2020)', () => attentionFlow().explain(model, x, call), false],
      ['attention-grad-rollout', 'Gradient-weighted rollout', 'positive logit gradient × attention, [CLS] row (Chefer et al. 2021)', () => attentionGradRollout({ gradientOf: 'logit' }).explain(model, x, call), false],
      ['token-integrated-gradients', 'Token integrated gradients', 'from the embedding output, summed per token; signed', () => tokenIntegratedGradients({ steps: options.steps ?? 64 }).explain(model, x, call), true],
    ];
    const methods: MethodResult[] = [];
    for (const [method, title, note, run, signed] of specs) {
      const explanation = await run();
      methods.push({ method, title, note, signed, explanation, scores: attentionTokenScores(explanation, 0, 0).slice(0, n) });
    }
    const full = rollout.attributions;
    const t = ids.length;
    const matrix = new Float32Array(n * n);
    for (let i = 0; i < n; i++) matrix.set(full.subarray(i * t, i * t + n), i * n);
    return { tokens: labels.tokens[0]!.slice(0, n), ids: ids.slice(0, n), predicted, probabilities, methods, rollout: matrix };
  } finally {
    x.dispose();
  }
}
