import { InvalidOptionError, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { baselineRow } from './baselineRow';
import { definePerturbationExplainer } from './definePerturbationExplainer';
import { evaluateRows } from './evaluateRows';
import { featureGroups } from './featureGroups';
import { gridSuperpixels } from './gridSuperpixels';
import { weightedLeastSquares } from './solveLinear';

/** Options of {@link lime}. */
export interface LimeOptions {
  samples: number;
  /** Width of the exponential proximity kernel on the normalised distance `sqrt(#removed / M)`. */
  kernelWidth: number;
  /** Ridge penalty of the weighted linear surrogate. */
  ridge: number;
  /** Fraction of the samples held out to measure the surrogate's fidelity. */
  heldOut: number;
  baseline: TensorValue | undefined;
  featureMask: TensorValue | undefined;
  superpixels: number;
}

const schema: OptionSchema<LimeOptions> = {
  samples: { type: 'number', integer: true, min: 10, default: 1000, description: 'Perturbed samples per example' },
  kernelWidth: { type: 'number', min: 0, exclusiveMin: true, default: 0.5, description: 'Width of the exponential proximity kernel' },
  ridge: { type: 'number', min: 0, default: 0.01, description: 'Ridge penalty of the linear surrogate' },
  heldOut: { type: 'number', min: 0, exclusiveMin: true, max: 0.9, default: 0.2, description: 'Fraction of samples held out for fidelity' },
  baseline: { type: 'tensor', default: undefined, description: 'Value of a removed feature: a number, one input or one per example (default zeros; CLI: .json/.csv)' },
  featureMask: { type: 'tensor', default: undefined, description: 'Integer group ids in the input layout; each group is one interpretable feature (CLI: mask.json)' },
  superpixels: { type: 'number', integer: true, min: 0, default: 0, description: 'Image inputs: square superpixels of this side as features (0: off)' },
};

/** One explained example's surrogate. */
export interface LimeInstance {
  intercept: number;
  /** Weighted R² of the surrogate on held-out perturbations. */
  fidelity: number;
  fidelityMetric: 'r2';
}

/** What lime puts in `data`: per example its surrogate, and the mean fidelity. */
export interface LimeData {
  instances: LimeInstance[];
  fidelity: number;
}

/**
 * LIME (Ribeiro et al. 2016): seeded random on/off patterns of the interpretable features
 * (features, feature-mask groups or superpixels; "off" takes the baseline value), the model's
 * target output on each, and a linear surrogate fitted by ridge regression weighted with the
 * proximity kernel `exp(−d²/w²)`, `d = sqrt(#off / M)`. The surrogate's coefficients are the
 * attributions (every feature of a group carries its group's). Its fidelity — weighted R² on
 * held-out perturbations, as surrogate-tree reports its own — is in `data.instances[i].fidelity`
 * and `data.fidelity` (mean). Black box. Method id `lime`.
 *
 * @example
 * ```ts
 * const e = await lime({ samples: 2000 }).explain(model, rows, { target: 1, seed: 7 });
 * e.data.fidelity; // 0.97
 * ```
 */
export function lime(defaults: Partial<LimeOptions> = {}): Explainer<LimeOptions, 'attribution', LimeData> {
  return definePerturbationExplainer({
    name: 'lime',
    description: 'Kernel-weighted linear surrogate over random feature on/off patterns, with held-out fidelity',
    completeness: false,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, n, shape, per, x }) {
      if (options.superpixels > 0 && options.featureMask) throw new InvalidOptionError('Give either "superpixels" or "featureMask", not both', { option: 'superpixels' });
      const groups = featureGroups(options.superpixels > 0 ? gridSuperpixels(shape, options.superpixels) : options.featureMask, shape, n);
      const base = baselineRow(options.baseline, shape, n);
      const S = options.samples;
      // Sample 0 of each example is the example itself (all features on).
      const patterns = groups.map((g) => {
        const m = g.ids.length;
        const z = new Uint8Array(S * m);
        for (let j = 0; j < m; j++) z[j] = 1;
        for (let k = m; k < z.length; k++) z[k] = context.random.uniform(0, 1) < 0.5 ? 1 : 0;
        return z;
      });
      const y = await evaluateRows(
        model,
        n * S,
        (r, out) => {
          const i = Math.floor(r / S);
          const s = r % S;
          const g = groups[i]!;
          const m = g.ids.length;
          const b = base(i);
          for (let j = 0; j < per; j++) out[j] = patterns[i]![s * m + g.groupOf[j]!] ? x[i * per + j]! : b[j]!;
        },
        (r) => targets[Math.floor(r / S)]!,
        context,
        'lime',
      );
      const values = new Float32Array(n * per);
      const instances: LimeInstance[] = [];
      const testCount = Math.max(1, Math.round(S * options.heldOut));
      for (let i = 0; i < n; i++) {
        const m = groups[i]!.ids.length;
        const k = m + 1;
        const design = new Float64Array(S * k);
        const weight = new Float64Array(S);
        const target = y.subarray(i * S, (i + 1) * S);
        for (let s = 0; s < S; s++) {
          let off = 0;
          design[s * k] = 1;
          for (let j = 0; j < m; j++) (design[s * k + 1 + j] = patterns[i]![s * m + j]!), (off += 1 - patterns[i]![s * m + j]!);
          const d2 = off / m;
          weight[s] = Math.exp(-d2 / (options.kernelWidth * options.kernelWidth));
        }
        // The last `testCount` samples are held out.
        const trainWeight = weight.map((w, s) => (s < S - testCount ? w : 0));
        const beta = weightedLeastSquares(design, Float64Array.from(target), trainWeight, k, options.ridge);
        let mean = 0, wsum = 0;
        for (let s = S - testCount; s < S; s++) (mean += weight[s]! * target[s]!), (wsum += weight[s]!);
        mean /= wsum;
        let res = 0, tot = 0;
        for (let s = S - testCount; s < S; s++) {
          let pred = 0;
          for (let j = 0; j < k; j++) pred += beta[j]! * design[s * k + j]!;
          res += weight[s]! * (target[s]! - pred) ** 2;
          tot += weight[s]! * (target[s]! - mean) ** 2;
        }
        instances.push({ intercept: beta[0]!, fidelity: tot > 0 ? 1 - res / tot : res === 0 ? 1 : 0, fidelityMetric: 'r2' });
        for (let j = 0; j < per; j++) values[i * per + j] = beta[1 + groups[i]!.groupOf[j]!]!;
      }
      const fidelity = instances.reduce((a, s) => a + s.fidelity / n, 0);
      return {
        attributions: { values, shape: [...inputs.shape] },
        diagnostics: { fidelity: instances.map((s) => s.fidelity), samples: S },
        data: { instances, fidelity },
      };
    },
  });
}
