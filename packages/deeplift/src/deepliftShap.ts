import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError, defineExplainer, formatShape, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { convergenceDeltas, runDeeplift } from './runDeeplift';
import { name, version } from '../package.json';

/** Options of {@link deepliftShap}. */
export interface DeepliftShapOptions {
  /** Background (reference) examples `[m, ...inputShape]`, m ≥ 2. Required. */
  background: TensorValue | undefined;
  /** Below this `|Δin|` a nonlinearity keeps its true gradient (Captum's `eps`). */
  eps: number;
}

const schema: OptionSchema<DeepliftShapOptions> = {
  background: { type: 'tensor', default: undefined, description: 'Background examples [m, ...inputShape], m ≥ 2 (CLI: a .json or .csv file)' },
  eps: { type: 'number', min: 0, default: 1e-10, description: 'Nonlinearities keep their true gradient where |Δin| < eps' },
};

/**
 * DeepLIFT SHAP (Lundberg & Lee 2017; Captum's `DeepLiftShap`): DeepLIFT (Rescale) of each example
 * against every background example, averaged. For a model whose nonlinearities all follow the
 * Rescale rule the attributions sum to `f(x) − mean f(background)`; the convergence delta reported
 * per example is `Σ attributions − (f(x) − mean_b f(b))` (the mean of Captum's per-pair deltas).
 * Method id `deeplift-shap`.
 *
 * @example
 * ```ts
 * const e = await deepliftShap({ background: trainingRows.slice(0, 50) }).explain(model, x, { target: 1 });
 * ```
 */
export function deepliftShap(defaults: Partial<DeepliftShapOptions> = {}): Explainer<DeepliftShapOptions, 'attribution'> {
  return defineExplainer({
    name: 'deeplift-shap',
    kind: 'attribution',
    package: { name, version },
    description: 'DeepLIFT averaged over a background set (SHAP values approximated by DeepLIFT)',
    requires: ['gradients', 'gradient-rules'],
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const [n, ...shape] = inputs.shape as [number, ...number[]];
      const bg = options.background;
      const per = inputs.size / n;
      if (!bg || bg.shape.length !== shape.length + 1 || bg.shape.slice(1).some((d, i) => d !== shape[i]) || bg.shape[0]! < 2) {
        throw new InvalidOptionError(
          `Option "background" must hold at least two examples of shape ${formatShape(shape)} ([m, ${shape.join(', ')}]); got ${bg ? formatShape(bg.shape) : 'none'}`,
          { option: 'background', expected: [-1, ...shape], received: bg?.shape ?? null },
        );
      }
      const m = bg.shape[0]!;
      // Row i·m + b pairs example i with background example b (Captum's repeat_interleave / repeat).
      const [expanded, references] = tf.tidy(() => {
        const b = tf.tensor(bg.values, bg.shape, 'float32');
        const reps = shape.map(() => 1);
        const x = tf.reshape(tf.tile(tf.expandDims(inputs, 1), [1, m, ...reps]), [n * m, ...shape]);
        return [x, tf.tile(b, [n, ...reps])];
      });
      try {
        const pairTargets = targets.flatMap((t) => Array.from({ length: m }, () => t));
        const r = await runDeeplift({ model, inputs: expanded, references, targets: pairTargets, eps: options.eps, context, stage: 'deeplift-shap' });
        const pairDeltas = convergenceDeltas(r.values, r.fx, r.fRef);
        const values = new Float32Array(inputs.size);
        const delta: number[] = [];
        for (let i = 0; i < n; i++) {
          let d = 0;
          for (let b = 0; b < m; b++) {
            const row = i * m + b;
            for (let j = 0; j < per; j++) values[i * per + j]! += r.values[row * per + j]! / m;
            d += pairDeltas[row]! / m;
          }
          delta.push(d);
        }
        return {
          attributions: { values, shape: [...inputs.shape] },
          convergenceDelta: delta,
          diagnostics: { backgroundSize: m, chunkSize: r.chunkSize, chunks: r.chunks },
        };
      } finally {
        tf.dispose([expanded, references]);
      }
    },
  });
}
