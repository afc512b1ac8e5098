import { InvalidInputError, type Explainer, type OptionSchema, type TensorValue } from '@glassbox/core';
import { definePerturbationExplainer } from './definePerturbationExplainer';
import { evaluateRows } from './evaluateRows';
import { featureGroups } from './featureGroups';

/** Options of {@link featurePermutation}. */
export interface FeaturePermutationOptions {
  /** Seeded shuffles averaged over. */
  repeats: number;
  /** Integer group ids in the input's layout (one mask for all rows); a group is shuffled together. */
  featureMask: TensorValue | undefined;
}

const schema: OptionSchema<FeaturePermutationOptions> = {
  repeats: { type: 'number', integer: true, min: 1, default: 5, description: 'Seeded shuffles averaged over' },
  featureMask: { type: 'tensor', default: undefined, description: 'Integer group ids in the input layout, shuffled together (CLI: mask.json)' },
};

/** What feature-permutation puts in `data`: the global importance of each feature. */
export interface FeaturePermutationData {
  /** Per flat feature: mean over the dataset of `|f(x) − f(x with the feature shuffled)|` at the target. */
  importance: number[];
}

/**
 * Permutation feature importance (Breiman 2001; Captum's `FeaturePermutation`), a global method
 * over the batch as a dataset: each feature group in turn is shuffled across the rows (a seeded
 * derangement-free permutation, redrawn per repeat), and each row gets `f(x) − f(x̃)` at its
 * target, averaged over `repeats`. `data.importance` is the dataset mean of its absolute value per
 * feature (signed changes of a linear model cancel out over a dataset). Needs at
 * least two rows. Black box. Method id `feature-permutation`.
 *
 * @example
 * ```ts
 * const e = await featurePermutation({ repeats: 10 }).explain(model, testRows, { target: 1 });
 * e.data.importance; // one value per feature
 * ```
 */
export function featurePermutation(defaults: Partial<FeaturePermutationOptions> = {}): Explainer<FeaturePermutationOptions, 'attribution', FeaturePermutationData> {
  return definePerturbationExplainer({
    name: 'feature-permutation',
    description: 'Global permutation importance over the batch: output drop when a feature is shuffled across rows',
    completeness: false,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, outputs, n, shape, per, outSize, x }) {
      if (n < 2) throw new InvalidInputError('feature-permutation shuffles features across rows: give at least two rows', { rows: n });
      const groups = featureGroups(options.featureMask, shape, 1)[0]!;
      const G = groups.ids.length;
      const R = options.repeats;
      // One permutation of the rows per (repeat, group), never the identity.
      const perms = Array.from({ length: R * G }, () => {
        let p: number[];
        do {
          p = Array.from({ length: n }, (_, i) => i);
          for (let i = n - 1; i > 0; i--) {
            const k = context.random.int(i + 1);
            [p[i], p[k]] = [p[k]!, p[i]!];
          }
        } while (p.every((v, i) => v === i));
        return p;
      });
      // Row r: repeat·group block q = floor(r / n), example i = r % n.
      const y = await evaluateRows(
        model,
        R * G * n,
        (r, out) => {
          const q = Math.floor(r / n);
          const i = r % n;
          const g = q % G;
          const from = perms[q]![i]!;
          for (let j = 0; j < per; j++) out[j] = groups.groupOf[j] === g ? x[from * per + j]! : x[i * per + j]!;
        },
        (r) => targets[r % n]!,
        context,
        'feature-permutation',
      );
      const drop = new Float64Array(n * G);
      y.forEach((v, r) => {
        const i = r % n;
        drop[i * G + (Math.floor(r / n) % G)]! += (outputs[i * outSize + targets[i]!]! - v) / R;
      });
      const values = new Float32Array(n * per);
      const importance = new Array<number>(per).fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < per; j++) {
          const v = drop[i * G + groups.groupOf[j]!]!;
          values[i * per + j] = v;
          importance[j]! += Math.abs(v) / n;
        }
      }
      return { attributions: { values, shape: [...inputs.shape] }, diagnostics: { evaluations: y.length, repeats: R }, data: { importance } };
    },
  });
}
