import type { Random } from '@glassbox/core';
import type { FeatureUnit } from './featureUnits';

/** How {@link perturbAround} draws samples near an instance. */
export interface PerturbOptions {
  /** Numeric features move by `noise × their standard deviation × N(0, 1)`. */
  noise: number;
  /** Probability that a binary feature or one-hot group takes a random background row's value. */
  swap: number;
  /** Width of the exponential proximity kernel on the normalised distance. */
  kernelWidth: number;
}

/**
 * `count` samples around `x` and their proximity weights. Sample 0 is `x` itself (weight 1).
 * Numeric units get Gaussian noise scaled by their spread; binary units and one-hot groups are,
 * with probability `swap`, copied from a random background row (so one-hot codes stay valid and
 * categories keep their frequencies). The distance is
 * `d² = mean over units of ((z − x)/σ)² (numeric) or [changed] (categorical)`, and the weight
 * `exp(−d² / kernelWidth²)`, as in LIME's tabular sampler.
 *
 * @example
 * ```ts
 * const { samples, weights } = perturbAround(x, units, background, 1000, { noise: 0.5, swap: 0.3, kernelWidth: 0.75 }, rng);
 * ```
 */
export function perturbAround(
  x: Float32Array,
  units: readonly FeatureUnit[],
  background: { values: Float32Array; rows: number },
  count: number,
  options: PerturbOptions,
  random: Random,
): { samples: Float32Array; weights: Float64Array } {
  const cols = x.length;
  const samples = new Float32Array(count * cols);
  const weights = new Float64Array(count);
  samples.set(x, 0);
  weights[0] = 1;
  const w2 = options.kernelWidth * options.kernelWidth;
  for (let s = 1; s < count; s++) {
    const z = samples.subarray(s * cols, (s + 1) * cols);
    z.set(x);
    let d2 = 0;
    for (const u of units) {
      if (u.kind === 'numeric') {
        if (u.scale > 0) {
          const e = options.noise * random.normal();
          z[u.features[0]] = x[u.features[0]]! + e * u.scale;
          d2 += e * e;
        }
        continue;
      }
      if (random.next() >= options.swap) continue;
      const b = random.int(background.rows) * cols;
      let changed = false;
      for (const j of u.features) {
        const v = background.values[b + j]!;
        if (v !== x[j]) changed = true;
        z[j] = v;
      }
      if (changed) d2 += 1;
    }
    weights[s] = Math.exp(-d2 / Math.max(1, units.length) / w2);
  }
  return { samples, weights };
}

/**
 * `perRow` noisy copies of each row for a global surrogate: numeric units move by
 * `noise × σ × N(0, 1)`; binary features and one-hot groups stay as they are.
 */
export function augmentRows(values: Float32Array, rows: number, cols: number, units: readonly FeatureUnit[], perRow: number, noise: number, random: Random): Float32Array {
  const out = new Float32Array(rows * perRow * cols);
  for (let r = 0; r < rows; r++) {
    const x = values.subarray(r * cols, (r + 1) * cols);
    for (let c = 0; c < perRow; c++) {
      const z = out.subarray((r * perRow + c) * cols, (r * perRow + c + 1) * cols);
      z.set(x);
      for (const u of units) if (u.kind === 'numeric' && u.scale > 0) z[u.features[0]] = x[u.features[0]]! + noise * u.scale * random.normal();
    }
  }
  return out;
}
