import { InvalidInputError, InvalidOptionError, planChunks, sizeOf, type Explanation, type Model, type OptionSchema } from '@glassbox/core';
import { batchSize } from './batchSize';
import type { Metric, MetricResult, MetricRunOptions } from './Metric';
import { runMetric } from './runMetric';

/** Options of {@link maxSensitivity}. */
export interface MaxSensitivityOptions {
  /** Perturbed copies per example. */
  samples: number;
  /** Half-width of the uniform (L∞-ball) perturbation, in input units. */
  radius: number;
  /** Norm of the explanation change: Frobenius (L2 over all elements) or L∞. */
  norm: 'fro' | 'inf';
  /** Most perturbed copies per re-explanation call. */
  maxBatch: number;
}

/** Per example, the largest relative explanation change over the perturbed copies. */
export interface MaxSensitivityResult extends MetricResult {
  metric: 'max-sensitivity';
  samples: number;
  radius: number;
}

const schema: OptionSchema<MaxSensitivityOptions> = {
  samples: { type: 'number', integer: true, min: 1, max: 10_000, default: 10, description: 'Perturbed copies per example' },
  radius: { type: 'number', min: 0, exclusiveMin: true, default: 0.02, description: 'Half-width of the uniform perturbation (input units)' },
  norm: { type: 'enum', values: ['fro', 'inf'], default: 'fro', description: 'Norm of the explanation change' },
  maxBatch: { type: 'number', integer: true, min: 1, default: 64, description: 'Most perturbed copies per re-explanation' },
};

function norm(v: ArrayLike<number>, kind: 'fro' | 'inf'): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = kind === 'inf' ? Math.max(s, Math.abs(v[i]!)) : s + v[i]! * v[i]!;
  return kind === 'inf' ? s : Math.sqrt(s);
}

/** The max-sensitivity metric definition (see {@link maxSensitivity}). */
export const maxSensitivityMetric: Metric<MaxSensitivityOptions, MaxSensitivityResult> = {
  name: 'max-sensitivity',
  description: 'Max-sensitivity (Yeh et al. 2019): largest relative change of the explanation under small input perturbations (lower is better)',
  better: 'lower',
  accepts: ['attribution', 'layer-attribution'],
  reexplains: true,
  options: schema,
  async compute(e, model, { samples, radius, norm: kind, maxBatch }, { context, reexplain }) {
    if (!reexplain) {
      throw new InvalidOptionError('Metric "max-sensitivity" re-explains perturbed inputs: pass the explainer that made the explanation (option "explainer"), or run it as a pipeline step', {
        option: 'explainer',
        metric: 'max-sensitivity',
      });
    }
    const n = batchSize(e.inputShape, 'max-sensitivity');
    const shape = e.inputShape.slice(1);
    const per = sizeOf(shape);
    const perAttr = e.attributions.length / n;
    const rng = context.random.fork('max-sensitivity');
    const total = n * samples;
    const { chunkSize: byBudget } = planChunks(total, per * 4 * 16, context.memoryBudgetBytes);
    const chunk = Math.min(byBudget, maxBatch);
    const worst = new Array<number>(n).fill(0);
    for (let start = 0; start < total; start += chunk) {
      context.throwIfAborted();
      const k = Math.min(chunk, total - start);
      const values = new Float32Array(k * per);
      const target: number[] = [];
      for (let j = 0; j < k; j++) {
        const i = Math.floor((start + j) / samples);
        for (let f = 0; f < per; f++) values[j * per + f] = e.inputs[i * per + f]! + rng.uniform(-radius, radius);
        target.push(e.targets[i]!);
      }
      const again = await reexplain(model, { values, shape: [k, ...shape] }, { target, signal: context.signal, memoryBudgetBytes: context.memoryBudgetBytes });
      if (again.attributions.length !== k * perAttr) {
        throw new InvalidInputError(`Re-explaining gave attributions of shape ${JSON.stringify(again.attributionShape)}; expected ${k} × ${perAttr} values like the evaluated explanation`, {
          expected: [k, ...e.attributionShape.slice(1)],
          received: again.attributionShape,
        });
      }
      for (let j = 0; j < k; j++) {
        const i = Math.floor((start + j) / samples);
        const original = e.attributions.subarray(i * perAttr, (i + 1) * perAttr);
        const change = new Float64Array(perAttr);
        for (let f = 0; f < perAttr; f++) change[f] = original[f]! - again.attributions[j * perAttr + f]!;
        const base = norm(original, kind);
        worst[i] = Math.max(worst[i]!, norm(change, kind) / (base === 0 ? 1 : base));
      }
      context.progress({ stage: 'max-sensitivity', done: start + k, total });
    }
    return { metric: 'max-sensitivity', score: worst.reduce((a, b) => a + b, 0) / n, perExample: worst, better: 'lower', samples, radius };
  },
};

/**
 * Max-sensitivity (Yeh et al. 2019), as Captum's `sensitivity_max` computes it: re-explain
 * `samples` copies of each input perturbed uniformly within ±`radius` (seeded), and report the
 * largest ‖φ(x) − φ(x̃)‖ / ‖φ(x)‖. Needs the explainer (or a pipeline) to re-explain with; the
 * same targets, options and seed are used.
 *
 * @example
 * ```ts
 * const r = await maxSensitivity(e, model, { explainer: integratedGradients(), radius: 0.02, samples: 10, seed: 3 });
 * r.perExample; // worst relative change per example
 * ```
 */
export function maxSensitivity(explanation: Explanation, model: Model, options: Partial<MaxSensitivityOptions> & MetricRunOptions = {}): Promise<MaxSensitivityResult> {
  return runMetric(maxSensitivityMetric, explanation, model, options as Record<string, unknown>);
}
