import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer } from '../explainer/defineExplainer';
import type { Explainer } from '../explainer/Explainer';
import type { OptionSchema } from '../explainer/OptionSchema';
import type { ExplanationKind } from '../explanation/Explanation';
import type { ModelCapability } from '../model/Model';
import { runChunks } from '../tensor/runChunks';
import { sizeOf } from '../util/shape';

/** Options the noise tunnel adds to the explainer it wraps. */
export interface NoiseTunnelOptions {
  /** Number of noisy samples per example. */
  samples: number;
  /** Noise standard deviation as a fraction of each example's value range (max − min). */
  noiseLevel: number;
  /** `smoothgrad` (mean), `smoothgrad-squared` (mean of squares) or `vargrad` (variance). */
  aggregate: 'smoothgrad' | 'smoothgrad-squared' | 'vargrad';
}

const tunnelSchema: OptionSchema<NoiseTunnelOptions> = {
  samples: { type: 'number', integer: true, min: 1, max: 10_000, default: 25, description: 'Noisy samples per example' },
  noiseLevel: { type: 'number', min: 0, max: 10, default: 0.15, description: 'Noise std as a fraction of the input range' },
  aggregate: { type: 'enum', values: ['smoothgrad', 'smoothgrad-squared', 'vargrad'], default: 'smoothgrad', description: 'How samples are combined' },
};

/**
 * Wraps any explainer in noise averaging (Smilkov et al. 2017; Adebayo et al. 2018 for VarGrad):
 * explains `samples` copies of each input with seeded Gaussian noise added and combines them.
 * Noisy copies are evaluated in batched chunks sized to the memory budget.
 *
 * @example
 * ```ts
 * const smoothIg = noiseTunnel(integratedGradients(), { samples: 16, noiseLevel: 0.1 });
 * const e = await smoothIg.explain(model, x, { seed: 7 });
 * ```
 */
export function noiseTunnel<O, K extends ExplanationKind, D>(
  inner: Explainer<O, K, D>,
  defaults: Partial<NoiseTunnelOptions> & { name?: string } = {},
): Explainer<O & NoiseTunnelOptions, K, D> {
  const { name, ...tunnelDefaults } = defaults;
  return defineExplainer<O & NoiseTunnelOptions, K, D, ModelCapability>({
    name: name ?? `noise-tunnel(${inner.name})`,
    package: { name: inner.package ?? 'unknown', version: inner.version },
    kind: inner.kind,
    description: `${inner.description}, averaged over noisy copies of the input`,
    requires: inner.requires,
    options: { ...inner.options, ...tunnelSchema } as OptionSchema<O & NoiseTunnelOptions>,
    defaults: tunnelDefaults as Partial<O & NoiseTunnelOptions>,
    async run(req) {
      const { samples, noiseLevel, aggregate, ...innerOptions } = req.options as NoiseTunnelOptions & Record<string, unknown>;
      const { inputs, targets, context, model } = req;
      const n = inputs.shape[0];
      const per = sizeOf(inputs.shape.slice(1));
      const x = (await inputs.data()) as Float32Array;
      const sigmas = Array.from({ length: n }, (_, i) => {
        let lo = Infinity, hi = -Infinity;
        for (let j = i * per; j < (i + 1) * per; j++) { lo = Math.min(lo, x[j]!); hi = Math.max(hi, x[j]!); }
        return noiseLevel * (hi - lo);
      });
      const rng = context.random.fork('noise-tunnel');
      // float64 sums: VarGrad's E[g²] − E[g]² cancels badly in float32 over many samples.
      let sum: Float64Array | undefined, sumSq: Float64Array | undefined, shape: number[] = [];
      // One item is one noisy sample of the whole batch: n inputs.
      const plan = await runChunks({
        total: samples,
        context,
        stage: 'noise-tunnel',
        cost: { elements: n * per },
        async computeAsync(s0, s1) {
          const k = s1 - s0;
          const noisy = new Float32Array(k * n * per);
          for (let s = 0; s < k; s++) for (let i = 0; i < n; i++) {
            const o = (s * n + i) * per;
            for (let j = 0; j < per; j++) noisy[o + j] = x[i * per + j]! + sigmas[i]! * rng.normal();
          }
          const noisyT = tf.tensor(noisy, [k * n, ...inputs.shape.slice(1)]);
          try {
            const out = await model.predict(noisyT);
            const outputs = (await out.data()) as Float32Array;
            out.dispose();
            const r = await inner.run({ ...req, inputs: noisyT, targets: Array.from({ length: k * n }, (_, i) => targets[i % n]!), options: innerOptions as O, outputs });
            shape = r.attributions.shape.slice(1);
            return r.attributions instanceof tf.Tensor ? r.attributions : r.attributions.values;
          } finally {
            noisyT.dispose();
          }
        },
        collect(values, s0, s1) {
          const m = values.length / ((s1 - s0) * n);
          sum ??= new Float64Array(n * m);
          sumSq ??= new Float64Array(n * m);
          for (let s = 0; s < s1 - s0; s++) for (let t = 0; t < n * m; t++) {
            const v = values[s * n * m + t]!;
            sum[t]! += v;
            sumSq[t]! += v * v;
          }
        },
      });
      const out = new Float32Array(sum!.length);
      for (let t = 0; t < out.length; t++) {
        const mean = sum![t]! / samples, meanSq = sumSq![t]! / samples;
        out[t] = aggregate === 'smoothgrad' ? mean : aggregate === 'smoothgrad-squared' ? meanSq : Math.max(0, meanSq - mean * mean);
      }
      return { attributions: { values: out, shape: [n, ...shape] }, diagnostics: { noiseSigma: sigmas, samples, chunkSize: plan.chunkSize } };
    },
  });
}
