import type { Explanation, Model, OptionSchema } from '@glassbox/core';
import type { Metric, MetricResult, MetricRunOptions } from './Metric';
import { attributionData } from './attributionData';
import { runMetric } from './runMetric';
import { scoreItems } from './scoreItems';

/** Options of {@link infidelity}. */
export interface InfidelityOptions {
  /** Perturbations per example. */
  samples: number;
  /** Standard deviation of the Gaussian perturbations, in input units. */
  noiseStd: number;
  /** Rescale attributions by the least-squares β first (Captum's `normalize`), so only their direction counts. */
  normalize: boolean;
  /** Most inputs per model call (the memory budget may lower it). */
  maxBatch: number;
}

/** Infidelity per example; with `normalize`, the scale β applied to the attributions. */
export interface InfidelityResult extends MetricResult {
  metric: 'infidelity';
  beta?: number[];
  samples: number;
  noiseStd: number;
}

const schema: OptionSchema<InfidelityOptions> = {
  samples: { type: 'number', integer: true, min: 1, max: 100_000, default: 10, description: 'Perturbations per example' },
  noiseStd: { type: 'number', min: 0, exclusiveMin: true, default: 0.1, description: 'Std of the Gaussian perturbations (input units)' },
  normalize: { type: 'boolean', default: false, description: 'Rescale attributions by the best β first (scale-free infidelity)' },
  maxBatch: { type: 'number', integer: true, min: 1, default: 256, description: 'Most inputs per model call' },
};

/** The infidelity metric definition (see {@link infidelity}). */
export const infidelityMetric: Metric<InfidelityOptions, InfidelityResult> = {
  name: 'infidelity',
  description: 'Infidelity (Yeh et al. 2019): mean squared error between attributions · perturbation and the output change it causes (lower is better)',
  better: 'lower',
  accepts: ['attribution'],
  reexplains: false,
  options: schema,
  async compute(e, model, { samples, noiseStd, normalize, maxBatch }, { context }) {
    const d = attributionData(e, 'infidelity');
    const rng = context.random.fork('infidelity');
    const points = samples + 1; // item 0 of each example is the unperturbed input
    const dots = new Float64Array(d.n * points);
    const scores = await scoreItems({
      model,
      shape: d.shape,
      count: d.n * points,
      stage: 'infidelity',
      context,
      maxBatch,
      target: (item) => d.targets[Math.floor(item / points)]!,
      write: (item, out) => {
        const i = Math.floor(item / points);
        const x = d.inputs.subarray(i * d.per, (i + 1) * d.per);
        const a = d.attributions.subarray(i * d.per, (i + 1) * d.per);
        if (item % points === 0) return out.set(x);
        // Captum's convention: perturbation I, perturbed input x − I, and Σ a ⊙ I.
        let dot = 0;
        for (let j = 0; j < d.per; j++) {
          const noise = noiseStd * rng.normal();
          out[j] = x[j]! - noise;
          dot += a[j]! * noise;
        }
        dots[item] = dot;
      },
    });
    const values: number[] = [];
    const beta: number[] = [];
    for (let i = 0; i < d.n; i++) {
      const fx = scores[i * points]!;
      let aa = 0, ab = 0, bb = 0, sq = 0;
      for (let s = 1; s < points; s++) {
        const attr = dots[i * points + s]!, change = fx - scores[i * points + s]!;
        aa += attr * attr;
        ab += attr * change;
        bb += change * change;
        sq += (attr - change) ** 2;
      }
      if (normalize) {
        const b = ab / (aa === 0 ? 1 : aa);
        beta.push(b);
        values.push((b * b * aa - 2 * b * ab + bb) / samples);
      } else values.push(sq / samples);
    }
    return {
      metric: 'infidelity',
      score: values.reduce((a, b) => a + b, 0) / d.n,
      perExample: values,
      better: 'lower',
      ...(normalize ? { beta } : {}),
      samples,
      noiseStd,
    };
  },
};

/**
 * Infidelity (Yeh et al. 2019), as Captum's `infidelity` computes it with Gaussian perturbations:
 * for seeded perturbations I ~ N(0, noiseStd²), the mean over samples of
 * (Σ attributions ⊙ I − (f(x) − f(x − I)))². Zero when attributions predict every output change
 * exactly (a linear model's gradient does). `normalize` first rescales the attributions by the
 * least-squares β, making the score insensitive to their scale.
 *
 * @example
 * ```ts
 * const r = await infidelity(explanation, model, { samples: 100, noiseStd: 0.05, seed: 1 });
 * r.perExample; // one value per example; r.score is their mean
 * ```
 */
export function infidelity(explanation: Explanation, model: Model, options: Partial<InfidelityOptions> & MetricRunOptions = {}): Promise<InfidelityResult> {
  return runMetric(infidelityMetric, explanation, model, options as Record<string, unknown>);
}
