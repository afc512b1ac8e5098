import { withBackend, type Explainer, type Explanation, type Model } from '@glassbox/core';
import { agreement, deletion, type AgreementResult } from '@glassbox/metrics';
import { encodePng, renderExplanationGrid } from '@glassbox/viz';

/** One method to compare, and the backend it runs on. */
export interface MethodStage {
  explainer: Explainer<any, 'attribution', any>;
  backend?: string;
}

/** The explanations, their agreement, each method's deletion area, and a comparison picture. */
export interface Comparison {
  explanations: Explanation[];
  agreement: AgreementResult;
  /** Mean deletion AUC per method (lower: the method finds the pixels the model relies on). */
  deletionAuc: Record<string, number>;
  png: Uint8Array;
}

/**
 * Runs several explainers on the same inputs and targets — each on its own backend — and reports
 * how much they agree (Spearman ρ, Kendall τ-b and top-10 % overlap of attribution magnitudes),
 * how faithful each is (deletion AUC), and a grid picture: one column per method, one row per input.
 *
 * @example
 * ```ts
 * const c = await compareMethods(model, digits, [{ explainer: saliency() }, { explainer: occlusion({ window: [4, 4, 1] }), backend: 'wasm' }]);
 * c.agreement.spearman; // methods × methods
 * ```
 */
export async function compareMethods(
  model: Model,
  inputs: { values: Float32Array; shape: number[] },
  stages: readonly MethodStage[],
  options: { target?: number; seed?: number; metricsBackend?: string } = {},
): Promise<Comparison> {
  const n = inputs.shape[0]!; // [batch, ...inputShape]
  const target = Array.from({ length: n }, () => options.target ?? 0);
  const explanations: Explanation[] = [];
  for (const { explainer, backend } of stages) {
    explanations.push(await withBackend(backend, () => explainer.explain(model, inputs, { target, seed: options.seed ?? 0 })));
  }
  return withBackend(options.metricsBackend, async () => {
    const deletionAuc: Record<string, number> = {};
    for (const e of explanations) deletionAuc[e.method] = (await deletion(e, model, { steps: 28, by: 'absolute', unit: 'pixel' })).score;
    const png = encodePng(renderExplanationGrid(explanations, { examples: Array.from({ length: Math.min(n, 6) }, (_, i) => i), signed: false }));
    return { explanations, agreement: agreement(explanations, { by: 'absolute', topFraction: 0.1 }), deletionAuc, png };
  });
}
