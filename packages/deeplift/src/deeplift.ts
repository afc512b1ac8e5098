import { defineExplainer, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { resolveReferences } from './resolveReferences';
import { convergenceDeltas, runDeeplift } from './runDeeplift';
import { name, version } from '../package.json';

/** Options of {@link deeplift}. */
export interface DeepliftOptions {
  /** The reference: a number, one input, or one per example (default: zeros). */
  baseline: TensorValue | undefined;
  /** Below this `|Δin|` a nonlinearity keeps its true gradient (Captum's `eps`). */
  eps: number;
}

const schema: OptionSchema<DeepliftOptions> = {
  baseline: { type: 'tensor', default: undefined, description: 'Reference: a number, one input or one per example (default zeros; CLI: a .json or .csv file)' },
  eps: { type: 'number', min: 0, default: 1e-10, description: 'Nonlinearities keep their true gradient where |Δin| < eps' },
};

/**
 * DeepLIFT with the Rescale rule (Shrikumar et al. 2017) as Captum 0.8 computes it: every
 * nonlinearity (ReLU family, sigmoid, tanh, softplus) backpropagates the multiplier
 * `Δout / Δin` against the reference, softmax and max pooling follow Captum's own rules, and the
 * attribution is `(x − ref) · multiplier`. The rules reach the model through core's
 * `gradient-rules` capability (Layers, Graph and function models). Unlike Captum, the softmax rule
 * is normalised per example, so one example never changes another's attributions (each equals
 * Captum's answer for that example alone). The result carries the convergence delta
 * `Σ attributions − (f(x) − f(ref))`: zero up to rounding without softmax/max-pool rules.
 * Method id `deeplift`.
 *
 * @example
 * ```ts
 * const e = await deeplift().explain(model, x, { target: 1 });
 * e.convergenceDelta; // ≈ 0 for a logit target
 * const vsGrey = await deeplift({ baseline: 0.5 }).explain(model, x);
 * ```
 */
export function deeplift(defaults: Partial<DeepliftOptions> = {}): Explainer<DeepliftOptions, 'attribution'> {
  return defineExplainer({
    name: 'deeplift',
    kind: 'attribution',
    package: { name, version },
    description: 'DeepLIFT, Rescale rule (Captum-compatible softmax and max-pooling rules), with convergence delta',
    requires: ['gradients', 'gradient-rules'],
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const references = resolveReferences(options.baseline, inputs);
      try {
        const r = await runDeeplift({ model, inputs, references, targets, eps: options.eps, context, stage: 'deeplift' });
        return {
          attributions: { values: r.values, shape: [...inputs.shape] },
          convergenceDelta: convergenceDeltas(r.values, r.fx, r.fRef),
          diagnostics: { chunkSize: r.chunkSize, chunks: r.chunks },
        };
      } finally {
        references.dispose();
      }
    },
  });
}
