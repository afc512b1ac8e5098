import { defineExplainer, noiseTunnel, type Explainer, type NoiseTunnelOptions, type OptionSchema } from '@glassbox/core';
import { saliency, type SaliencyOptions } from './saliency';
import { name, version } from '../package.json';

/** Options of {@link smoothGrad}, {@link smoothGradSquared} and {@link varGrad}. */
export interface SmoothGradOptions extends SaliencyOptions {
  /** Noisy copies per example (default 25). */
  samples: number;
  /** Noise standard deviation as a fraction of each example's value range, max − min (default 0.15). */
  noiseLevel: number;
}

type Aggregate = NoiseTunnelOptions['aggregate'];

/**
 * A gradient method averaged over seeded Gaussian noise with core's {@link noiseTunnel}; the
 * aggregate is fixed by the method (its id), the gradient is signed unless `abs` is set.
 */
function noiseAveragedGradient(aggregate: Aggregate, description: string, defaults: Partial<SmoothGradOptions>): Explainer<SmoothGradOptions, 'attribution'> {
  const tunnel = noiseTunnel(saliency({ abs: false }), { name: aggregate, aggregate });
  const { aggregate: _fixed, ...schema } = tunnel.options as OptionSchema<SaliencyOptions & NoiseTunnelOptions>;
  return defineExplainer({
    name: aggregate,
    kind: 'attribution',
    package: { name, version },
    description,
    requires: ['gradients'],
    completeness: false,
    options: schema as OptionSchema<SmoothGradOptions>,
    defaults,
    run: async (req) => {
      const r = await tunnel.run({ ...req, options: { ...req.options, aggregate } });
      return { attributions: r.attributions, ...(r.diagnostics === undefined ? {} : { diagnostics: r.diagnostics }) };
    },
  });
}

/**
 * SmoothGrad (Smilkov et al. 2017): the mean gradient over `samples` copies of each input with
 * seeded Gaussian noise of standard deviation `noiseLevel × (max − min)` of that input. Signed by
 * default (the paper's definition); `abs: true` averages absolute gradients, as Captum's
 * `NoiseTunnel(Saliency)` does by default. Method id `smoothgrad`.
 *
 * @example
 * ```ts
 * const e = await smoothGrad({ samples: 50, noiseLevel: 0.2 }).explain(model, x, { seed: 1 });
 * ```
 */
export function smoothGrad(defaults: Partial<SmoothGradOptions> = {}): Explainer<SmoothGradOptions, 'attribution'> {
  return noiseAveragedGradient('smoothgrad', 'Gradient averaged over noisy copies of the input (SmoothGrad)', defaults);
}

/**
 * SmoothGrad-squared: the mean of squared gradients over noisy copies (Hooker et al. 2019), which
 * ranks features by magnitude. Method id `smoothgrad-squared`.
 *
 * @example
 * ```ts
 * const e = await smoothGradSquared({ samples: 32 }).explain(model, x);
 * ```
 */
export function smoothGradSquared(defaults: Partial<SmoothGradOptions> = {}): Explainer<SmoothGradOptions, 'attribution'> {
  return noiseAveragedGradient('smoothgrad-squared', 'Mean squared gradient over noisy copies of the input', defaults);
}

/**
 * VarGrad (Adebayo et al. 2018): the variance of the gradient over noisy copies of the input.
 * Method id `vargrad`.
 *
 * @example
 * ```ts
 * const e = await varGrad({ samples: 32, noiseLevel: 0.1 }).explain(model, x, { seed: 4 });
 * ```
 */
export function varGrad(defaults: Partial<SmoothGradOptions> = {}): Explainer<SmoothGradOptions, 'attribution'> {
  return noiseAveragedGradient('vargrad', 'Variance of the gradient over noisy copies of the input (VarGrad)', defaults);
}
