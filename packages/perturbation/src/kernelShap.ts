import { InvalidOptionError, formatShape, sizeOf, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { definePerturbationExplainer } from './definePerturbationExplainer';
import { evaluateRows } from './evaluateRows';
import { featureGroups } from './featureGroups';
import { gridSuperpixels } from './gridSuperpixels';
import { shapleyCoalitions, type Coalitions } from './shapleyCoalitions';
import { weightedLeastSquares } from './solveLinear';

/** Options of {@link kernelShap}. */
export interface KernelShapOptions {
  /** Background examples `[m, ...inputShape]` (or one input): what "absent" features take, averaged over. Default: one all-zero row. */
  background: TensorValue | undefined;
  /** Coalitions per example; every coalition is enumerated (exact Shapley values) when `2^M − 2 ≤ samples`. */
  samples: number;
  /** Integer group ids in the input's layout: a group is one player (default: each feature). */
  featureMask: TensorValue | undefined;
  /** For image inputs `[H, W, …]`: square superpixels of this many pixels a side as players (0: off). */
  superpixels: number;
}

const schema: OptionSchema<KernelShapOptions> = {
  background: { type: 'tensor', default: undefined, description: 'Background examples [m, ...inputShape] averaged over for absent features (default one zero row; CLI: bg.json or bg.csv)' },
  samples: { type: 'number', integer: true, min: 2, default: 512, description: 'Coalitions per example; exact enumeration when 2^M − 2 ≤ samples' },
  featureMask: { type: 'tensor', default: undefined, description: 'Integer group ids in the input layout; each group is one player (CLI: mask.json)' },
  superpixels: { type: 'number', integer: true, min: 0, default: 0, description: 'Image inputs: square superpixels of this side as players (0: off)' },
};

/** What kernel-shap puts in `data`. */
export interface KernelShapData {
  /** Per example, `E[f(background)]` at its target: the base value the attributions add up from. */
  expectedValue: number[];
  /** Per example, the Shapley value of each player (group) in ascending group-id order. */
  groupValues: number[][];
  /** Per example, the group ids. */
  groupIds: number[][];
  /** True when every coalition was enumerated (the values are exact Shapley values). */
  exact: boolean;
  /** Coalitions evaluated per example. */
  coalitions: number;
}

/**
 * KernelSHAP (Lundberg & Lee 2017): Shapley values of the players (features, feature-mask groups
 * or image superpixels) for the game `v(S) = E_b[f(x_S, b_¬S)]` over a background set, by weighted
 * linear regression over coalitions with the Shapley kernel, constrained so that the values add up
 * exactly: `Σ φ = f(x) − E[f(background)]` (the convergence delta reports the float error). When
 * the budget covers every coalition (`2^M − 2 ≤ samples`) they are all enumerated and the result
 * is the exact Shapley values; otherwise seeded coalitions are drawn from the kernel in
 * complementary pairs. Every feature of a group carries the group's value (Captum's convention);
 * `data.groupValues` has one value per group. Black box. Method id `kernel-shap`.
 *
 * @example
 * ```ts
 * const e = await kernelShap({ background: trainRows.slice(0, 20), samples: 1024 }).explain(model, x, { target: 1 });
 * e.data.expectedValue[0] + e.data.groupValues[0].reduce((a, b) => a + b); // = f(x)[1]
 * ```
 */
export function kernelShap(defaults: Partial<KernelShapOptions> = {}): Explainer<KernelShapOptions, 'attribution', KernelShapData> {
  return definePerturbationExplainer({
    name: 'kernel-shap',
    description: 'Shapley values by weighted regression over coalitions (exact when all are enumerated); additive: Σφ = f(x) − E[f(background)]',
    completeness: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, outputs, n, shape, per, outSize, x }) {
      const bg = background(options.background, shape);
      const B = bg.length / per;
      if (options.superpixels > 0 && options.featureMask) throw new InvalidOptionError('Give either "superpixels" or "featureMask", not both', { option: 'superpixels' });
      const mask = options.superpixels > 0 ? gridSuperpixels(shape, options.superpixels) : options.featureMask;
      const groups = featureGroups(mask, shape, n);
      const coalitions: Coalitions[] = groups.map((g) => shapleyCoalitions(g.ids.length, options.samples, context.random));
      // Rows: first n·B background rows (E[f(b)] per example's target), then per example its coalitions × B.
      const offsets: number[] = [];
      let total = n * B;
      for (const c of coalitions) offsets.push(total), (total += c.count * B);
      const locate = (r: number) => {
        if (r < n * B) return { i: Math.floor(r / B), c: -1, b: r % B };
        let i = 0;
        while (i + 1 < n && offsets[i + 1]! <= r) i++;
        const k = r - offsets[i]!;
        return { i, c: Math.floor(k / B), b: k % B };
      };
      const y = await evaluateRows(
        model,
        total,
        (r, out) => {
          const { i, c, b } = locate(r);
          out.set(bg.subarray(b * per, (b + 1) * per));
          if (c < 0) return;
          const m = groups[i]!.ids.length;
          const on = coalitions[i]!.masks.subarray(c * m, (c + 1) * m);
          const groupOf = groups[i]!.groupOf;
          for (let j = 0; j < per; j++) if (on[groupOf[j]!]) out[j] = x[i * per + j]!;
        },
        (r) => targets[locate(r).i]!,
        context,
        'kernel-shap',
      );
      const values = new Float32Array(n * per);
      const data: KernelShapData = { expectedValue: [], groupValues: [], groupIds: groups.map((g) => g.ids), exact: coalitions.every((c) => c.exact), coalitions: coalitions[0]?.count ?? 0 };
      const delta: number[] = [];
      for (let i = 0; i < n; i++) {
        let ef = 0;
        for (let b = 0; b < B; b++) ef += y[i * B + b]! / B;
        const fx = outputs[i * outSize + targets[i]!]!;
        const v = new Float64Array(coalitions[i]!.count);
        for (let c = 0; c < v.length; c++) for (let b = 0; b < B; b++) v[c]! += y[offsets[i]! + c * B + b]! / B;
        const phi = shapleyRegression(coalitions[i]!, v, ef, fx, groups[i]!.ids.length);
        for (let j = 0; j < per; j++) values[i * per + j] = phi[groups[i]!.groupOf[j]!]!;
        data.expectedValue.push(ef);
        data.groupValues.push(Array.from(phi));
        delta.push(phi.reduce((a, b) => a + b, 0) - (fx - ef));
      }
      return { attributions: { values, shape: [...inputs.shape] }, convergenceDelta: delta, diagnostics: { evaluations: total, backgroundSize: B, exact: data.exact }, data };
    },
  });
}

/** The background rows, flat: `[m, ...inputShape]` or one input; default one zero row. */
function background(value: TensorValue | undefined, shape: readonly number[]): Float32Array {
  const per = sizeOf(shape);
  if (!value) return new Float32Array(per);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  if ((same(value.shape, shape) || (value.shape.length === shape.length + 1 && same(value.shape.slice(1), shape))) && value.values.length >= per) {
    return Float32Array.from(value.values);
  }
  throw new InvalidOptionError(`Option "background" has shape ${formatShape(value.shape)}; expected background examples [m, ${shape.join(', ')}]`, {
    option: 'background',
    shape: value.shape,
    expected: [-1, ...shape],
  });
}

/**
 * Shapley values from coalition values `v` by the constrained weighted regression: the last player
 * is eliminated with `Σ φ = fx − ef`, the rest solved by weighted least squares in float64.
 */
function shapleyRegression(c: Coalitions, v: Float64Array, ef: number, fx: number, m: number): Float64Array {
  const total = fx - ef;
  const phi = new Float64Array(m);
  if (m === 1) {
    phi[0] = total;
    return phi;
  }
  const k = m - 1;
  const design = new Float64Array(c.count * k);
  const target = new Float64Array(c.count);
  for (let r = 0; r < c.count; r++) {
    const last = c.masks[r * m + k]!;
    for (let j = 0; j < k; j++) design[r * k + j] = c.masks[r * m + j]! - last;
    target[r] = v[r]! - ef - last * total;
  }
  const beta = weightedLeastSquares(design, target, c.weights, k, 1e-12);
  let s = 0;
  for (let j = 0; j < k; j++) (phi[j] = beta[j]!), (s += beta[j]!);
  phi[k] = total - s;
  return phi;
}
