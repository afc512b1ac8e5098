import type { Explanation } from '@glassbox/core';
import { saliency } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import type { DigitModel } from './digitModel';

/** Integration points of the demo's integrated gradients (Gauss–Legendre). */
export const IG_STEPS = 32;

/** A drawing's prediction and its two explanations. */
export interface DrawingExplanation {
  /** Binary models: `[P(positive)]`; ten-class models: the ten class probabilities. */
  probabilities: number[];
  /** The answer: the positive digit or "not …" for binary models, the most probable digit otherwise. */
  answer: string;
  /** The output explained: 0 for binary models (P(positive)), the predicted digit otherwise. */
  target: number;
  saliency: Explanation<'attribution'>;
  integratedGradients: Explanation<'attribution'>;
}

const explainSaliency = saliency();
const explainIg = integratedGradients({ steps: IG_STEPS });

/**
 * Predicts and explains one 28×28 digit (784 values in [0, 1]) on the active backend: vanilla
 * saliency |∂y/∂x| and integrated gradients from a black image, both of the predicted output
 * (binary models: P(positive)). Each explanation carries its backend and duration.
 *
 * @example
 * ```ts
 * const r = await explainDrawing(dm, preprocessDigit(pad.pixels(), 280, 280)!);
 * console.log(r.answer, r.saliency.timing.durationMs, r.integratedGradients.backend);
 * ```
 */
export async function explainDrawing(dm: DigitModel, digit: Float32Array, options: { signal?: AbortSignal } = {}): Promise<DrawingExplanation> {
  const input = { values: digit, shape: [1, ...dm.model.inputShape] };
  const signal = options.signal ? { signal: options.signal } : {};
  const sal = await explainSaliency.explain(dm.model, input, { target: 'predicted', ...signal });
  const target = sal.targets[0]!; // one example
  const ig = await explainIg.explain(dm.model, input, { target, ...signal });
  const probabilities = Array.from(sal.outputs);
  const answer = dm.kind === 'binary'
    ? (probabilities[0]! >= 0.5 ? `a ${dm.positive}` : `not a ${dm.positive}`)
    : String(target);
  return { probabilities, answer, target, saliency: sal, integratedGradients: ig };
}
