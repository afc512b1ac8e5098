import type { Explainer, OptionSchema, TensorValue } from '@glassbox/core';
import { baselineRow } from './baselineRow';
import { definePerturbationExplainer } from './definePerturbationExplainer';
import { evaluateRows } from './evaluateRows';
import { featureGroups } from './featureGroups';

/** Options of {@link featureAblation}. */
export interface FeatureAblationOptions {
  /** What a removed feature becomes: a number, one input, or one per example (default zeros). */
  baseline: TensorValue | undefined;
  /** Integer group ids in the input's layout; a group is removed at once (default: each feature alone). */
  featureMask: TensorValue | undefined;
}

const schema: OptionSchema<FeatureAblationOptions> = {
  baseline: { type: 'tensor', default: undefined, description: 'Value of a removed feature: a number, one input or one per example (default zeros; CLI: .json/.csv)' },
  featureMask: { type: 'tensor', default: undefined, description: 'Integer group ids in the input layout; each group is removed at once (CLI: mask.json)' },
};

/**
 * Feature ablation (Captum's `FeatureAblation`): each feature group in turn is replaced by the
 * baseline, and every feature of the group is attributed `f(x) − f(x with the group removed)` at
 * the target. Black box: needs only `predict`. With a feature mask (integer group ids in the
 * input's layout), features of a group share their value. Method id `feature-ablation`.
 *
 * @example
 * ```ts
 * const e = await featureAblation().explain(model, x, { target: 0 });
 * const grouped = await featureAblation({ featureMask: [0, 0, 1, 1, 2, 2] }).explain(model, x);
 * ```
 */
export function featureAblation(defaults: Partial<FeatureAblationOptions> = {}): Explainer<FeatureAblationOptions, 'attribution'> {
  return definePerturbationExplainer({
    name: 'feature-ablation',
    description: 'Output drop when each feature (or group of a feature mask) is replaced by a baseline',
    completeness: false,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, outputs, n, shape, per, outSize, x }) {
      const groups = featureGroups(options.featureMask, shape, n);
      const base = baselineRow(options.baseline, shape, n);
      // Row r ablates group `group[r]` of example `example[r]`.
      const example: number[] = [];
      const group: number[] = [];
      groups.forEach((g, i) => g.ids.forEach((_, k) => (example.push(i), group.push(k))));
      const y = await evaluateRows(
        model,
        example.length,
        (r, out) => {
          const i = example[r]!;
          const g = groups[i]!;
          const b = base(i);
          out.set(x.subarray(i * per, (i + 1) * per));
          for (let j = 0; j < per; j++) if (g.groupOf[j] === group[r]) out[j] = b[j]!;
        },
        (r) => targets[example[r]!]!,
        context,
        'feature-ablation',
      );
      const values = new Float32Array(n * per);
      const drop = new Map<string, number>();
      y.forEach((v, r) => drop.set(`${example[r]}:${group[r]}`, outputs[example[r]! * outSize + targets[example[r]!]!]! - v));
      for (let i = 0; i < n; i++) for (let j = 0; j < per; j++) values[i * per + j] = drop.get(`${i}:${groups[i]!.groupOf[j]}`)!;
      return { attributions: { values, shape: [...inputs.shape] }, diagnostics: { evaluations: y.length, groups: groups.map((g) => g.ids.length) } };
    },
  });
}
