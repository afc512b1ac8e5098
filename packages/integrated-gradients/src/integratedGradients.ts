import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer, type Explainer, type OptionSchema } from '@glassbox/core';
import { BASELINE_SYNTAX, parseBaseline, type BaselineInput } from './BaselineSpec';
import { integrate } from './integrate';
import { INTEGRATION_RULES, type IntegrationRule } from './integrationPoints';
import { resolveBaselines } from './resolveBaselines';
import { name, version } from '../package.json';

/** Options of {@link integratedGradients}. */
export interface IntegratedGradientsOptions {
  /** Integration rule (default `gausslegendre`, as Captum). */
  rule: IntegrationRule;
  /** Points on the path (default 50, as Captum). */
  steps: number;
  /** Where the path starts (default zeros): see {@link BaselineSpec} and {@link BASELINE_SYNTAX}; `run` sees it parsed. */
  baseline: BaselineInput;
  /** Baselines averaged per example for `uniform` and `set` baselines; 0: one uniform draw, or the whole set. */
  baselineSamples: number;
  /** Work items (example × step) per gradient call; 0 sizes chunks to the memory budget. */
  internalBatchSize: number;
}

const schema: OptionSchema<IntegratedGradientsOptions> = {
  rule: { type: 'enum', values: INTEGRATION_RULES, default: 'gausslegendre', description: 'Integration rule' },
  steps: { type: 'number', integer: true, min: 1, max: 100_000, default: 50, description: 'Points on the path from baseline to input' },
  baseline: { type: 'custom', default: { kind: 'zeros' }, syntax: BASELINE_SYNTAX, parse: parseBaseline, description: 'Baseline the path starts from' },
  baselineSamples: { type: 'number', integer: true, min: 0, max: 10_000, default: 0, description: 'Baselines averaged per example (uniform, set); 0: one draw or the whole set' },
  internalBatchSize: { type: 'number', integer: true, min: 0, default: 0, description: 'Path points per gradient call (0: sized to the memory budget)' },
};

/**
 * Integrated gradients (Sundararajan et al. 2017), matching Captum's `IntegratedGradients`:
 * `(x − b) · ∫₀¹ ∂f_t(b + α(x − b))/∂x dα` by the chosen rule, with the convergence delta
 * `Σ attributions − (f_t(x) − f_t(b))` per example. With several baselines per example (`uniform`
 * with `baselineSamples`, or a `set`) it averages over them: expected gradients over a reference
 * set with quadrature in α. All path points run in batched chunks sized to the memory budget, with
 * progress and abort between chunks. Method id `integrated-gradients`.
 *
 * @example
 * ```ts
 * const ig = integratedGradients({ steps: 64 });
 * const e = await ig.explain(model, x, { target: 3 });
 * e.convergenceDelta; // per example, ≈ 0
 * await integratedGradients().explain(model, x, { options: { rule: 'riemann_trapezoid', baseline: 'blur:4:28x28' } });
 * ```
 */
export function integratedGradients(defaults: Partial<IntegratedGradientsOptions> = {}): Explainer<IntegratedGradientsOptions, 'attribution'> {
  return defineExplainer({
    name: 'integrated-gradients',
    kind: 'attribution',
    package: { name, version },
    description: 'Path integral of gradients from a baseline to the input (Captum-compatible rules, convergence delta)',
    requires: ['gradients'],
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const n = inputs.shape[0];
      const xs = (await inputs.data()) as Float32Array;
      const spec = parseBaseline(options.baseline); // already parsed by core; this narrows the type
      const { values, perExample: k } = await resolveBaselines({
        spec,
        inputs: xs,
        n,
        inputShape: model.inputShape,
        samples: options.baselineSamples,
        random: context.random,
      });
      const shape = inputs.shape;
      const per = xs.length / n;
      // k baselines per example: repeat each input k times (example-major) and average afterwards.
      let repeated: Float32Array | undefined;
      if (k > 1) {
        repeated = new Float32Array(n * k * per);
        for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) repeated.set(xs.subarray(i * per, (i + 1) * per), (i * k + j) * per);
      }
      const x = repeated ? tf.tensor(repeated, [n * k, ...shape.slice(1)]) : inputs;
      const b = tf.tensor(values, [n * k, ...shape.slice(1)]);
      try {
        const r = await integrate({
          forward: model.forward,
          inputs: x,
          baselines: b,
          targets: k > 1 ? targets.flatMap((t) => Array.from({ length: k }, () => t)) : targets,
          rule: options.rule,
          steps: options.steps,
          context,
          chunkSize: options.internalBatchSize > 0 ? options.internalBatchSize : undefined,
        });
        const attributions = k > 1 ? averageGroups(r.attributions, n, k, per) : r.attributions;
        const mean = (a: number[]) => Array.from({ length: n }, (_, i) => a.slice(i * k, (i + 1) * k).reduce((s, v) => s + v, 0) / k);
        return {
          attributions: { values: attributions, shape: [...shape] },
          convergenceDelta: mean(r.convergenceDelta),
          diagnostics: {
            rule: options.rule,
            steps: options.steps,
            baseline: spec.kind,
            baselinesPerExample: k,
            fInputs: mean(r.fInputs),
            fBaselines: mean(r.fBaselines),
            gradientEvaluations: n * k * options.steps,
            chunkSize: r.chunkSize,
            chunks: r.chunks,
            ...(r.bytesPerItem !== undefined ? { bytesPerItem: r.bytesPerItem } : {}),
          },
        };
      } finally {
        if (x !== inputs) x.dispose();
        b.dispose();
      }
    },
  });
}

function averageGroups(values: Float32Array, n: number, k: number, per: number): Float32Array {
  const out = new Float32Array(n * per);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < per; j++) {
      let s = 0;
      for (let g = 0; g < k; g++) s += values[(i * k + g) * per + j]!;
      out[i * per + j] = s / k;
    }
  }
  return out;
}
