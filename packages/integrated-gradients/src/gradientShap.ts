import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError, defineExplainer, formatShape, runChunks, selectTargets, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { name, version } from '../package.json';

/** Options of {@link gradientShap}. */
export interface GradientShapOptions {
  /** Baseline distribution `[m, ...inputShape]` the baselines are drawn from (with replacement). Required. */
  background: TensorValue | undefined;
  /** Random (baseline, α, noise) draws per example (Captum's `n_samples`). */
  samples: number;
  /** Standard deviation of the Gaussian noise added to the input per draw (Captum's `stdevs`). */
  stdevs: number;
}

const schema: OptionSchema<GradientShapOptions> = {
  background: { type: 'tensor', default: undefined, description: 'Baseline distribution [m, ...inputShape] (CLI: bg.json or bg.csv)' },
  samples: { type: 'number', integer: true, min: 1, default: 5, description: 'Random draws per example' },
  stdevs: { type: 'number', min: 0, default: 0, description: 'Std. dev. of the Gaussian noise added to the input' },
};

/**
 * GradientSHAP as Captum defines it (`GradientShap`): per draw, a baseline `b` from the background
 * (uniformly, with replacement), Gaussian noise `ε ~ N(0, stdevs²)` on the input and `α ~ U[0, 1)`;
 * the attribution is the mean over draws of `(x + ε − b) · ∇f(b + α (x + ε − b))`. In expectation
 * (stdevs 0) it is integrated gradients averaged over the background, so
 * `E[Σ attributions] = f(x) − E[f(b)]`; the convergence delta reports
 * `Σ attributions − (f(x) − mean over draws f(b))`, a Monte Carlo error. Seeded by the call's seed.
 * Method id `gradient-shap`.
 *
 * @example
 * ```ts
 * const e = await gradientShap({ background: refs, samples: 50 }).explain(model, x, { target: 0, seed: 1 });
 * ```
 */
export function gradientShap(defaults: Partial<GradientShapOptions> = {}): Explainer<GradientShapOptions, 'attribution'> {
  return defineExplainer({
    name: 'gradient-shap',
    kind: 'attribution',
    package: { name, version },
    description: 'Expected gradients from random background baselines with input noise (Captum GradientShap)',
    requires: ['gradients'],
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const n = inputs.shape[0]!;
      const shape = inputs.shape.slice(1);
      const per = inputs.size / n;
      const bg = options.background;
      if (!bg || bg.shape.length !== shape.length + 1 || bg.shape.slice(1).some((d, i) => d !== shape[i])) {
        throw new InvalidOptionError(`Option "background" must hold baseline examples [m, ${shape.join(', ')}]; got ${bg ? formatShape(bg.shape) : 'none'}`, {
          option: 'background',
          received: bg?.shape ?? null,
        });
      }
      const S = options.samples;
      const m = bg.shape[0]!;
      const x = (await inputs.data()) as Float32Array;
      // Draw every (baseline, α, noise) up front from the seeded source: item k = example ⌊k/S⌋, draw k mod S.
      const pick = Int32Array.from({ length: n * S }, () => context.random.int(m));
      const alpha = Float32Array.from({ length: n * S }, () => context.random.uniform(0, 1));
      const noise = new Float32Array(n * S * per);
      if (options.stdevs > 0) context.random.fillNormal(noise, 0, options.stdevs);
      const rows = (start: number, end: number) => {
        const noisy = new Float32Array((end - start) * per);
        const base = new Float32Array((end - start) * per);
        for (let k = start; k < end; k++) {
          const i = Math.floor(k / S);
          for (let j = 0; j < per; j++) {
            noisy[(k - start) * per + j] = x[i * per + j]! + noise[k * per + j]!;
            base[(k - start) * per + j] = bg.values[pick[k]! * per + j]!;
          }
        }
        return [tf.tensor(noisy, [end - start, ...shape]), tf.tensor(base, [end - start, ...shape])] as const;
      };
      const compute = (start: number, end: number) => {
        const [xn, b] = rows(start, end);
        const diff = tf.sub(xn, b);
        const a = tf.tensor(alpha.subarray(start, end), [end - start, ...shape.map(() => 1)]);
        const t = Array.from({ length: end - start }, (_, q) => targets[Math.floor((start + q) / S)]!);
        const g = tf.grad((v: tf.Tensor) => tf.sum(selectTargets(model.forward(v), t)))(tf.add(b, tf.mul(a, diff)));
        return [tf.mul(diff, g), selectTargets(model.forward(b), t)];
      };
      const values = new Float32Array(n * per);
      const fb = new Float64Array(n);
      const { chunkSize, chunks } = await runChunks({
        total: n * S,
        context,
        stage: 'gradient-shap',
        cost: { measure: (k) => tf.dispose(tf.tidy(() => compute(0, Math.min(k, n * S)))) },
        compute,
        collect: ([attr, f], start, end) => {
          for (let k = start; k < end; k++) {
            const i = Math.floor(k / S);
            for (let j = 0; j < per; j++) values[i * per + j]! += attr![(k - start) * per + j]! / S;
            fb[i]! += f![k - start]! / S;
          }
        },
      });
      const fx = await model.predict(inputs);
      const flat = (await fx.data()) as Float32Array;
      fx.dispose();
      const outSize = flat.length / n;
      const delta = Array.from({ length: n }, (_, i) => {
        let s = 0;
        for (let j = 0; j < per; j++) s += values[i * per + j]!;
        return s - (flat[i * outSize + targets[i]!]! - fb[i]!);
      });
      return { attributions: { values, shape: [...inputs.shape] }, convergenceDelta: delta, diagnostics: { samples: S, chunkSize, chunks } };
    },
  });
}
