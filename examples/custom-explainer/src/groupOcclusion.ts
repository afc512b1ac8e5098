import * as tf from '@tensorflow/tfjs-core';
import { GlassboxError, defineExplainer, runChunks, sizeOf, type Explainer } from '@glassbox/core';
import { name, version } from '../package.json';
import './augment';

/** Options of {@link groupOcclusion}. */
export interface GroupOcclusionOptions {
  /** Value written into every feature of the occluded group. */
  fill: number;
}

/**
 * Group occlusion: for each feature group the model declares (capability `feature-groups`), the
 * drop of the target output when all its features are set to `fill`. Kind `group-attribution`:
 * attributions are `[batch, groups]`. Refuses overlapping or out-of-range groups with
 * `FEATURE_GROUPS_INVALID`. The worked example of a plugin that adds a capability, a kind and an
 * error code to Glassbox (see `augment.ts`).
 *
 * @example
 * ```ts
 * const model = { ...fromLayersModel(net), capabilities: new Set(['feature-groups']), featureGroups: () => [[0], [1, 2, 3]] };
 * const e = await groupOcclusion().explain(model, rows, { target: 1 });
 * e.kind; // 'group-attribution'
 * ```
 */
export function groupOcclusion(defaults: Partial<GroupOcclusionOptions> = {}): Explainer<GroupOcclusionOptions, 'group-attribution'> {
  return defineExplainer({
    name: 'group-occlusion',
    package: { name, version },
    kind: 'group-attribution',
    description: 'Drop of the target output when each declared feature group is set to a fill value',
    requires: ['feature-groups'],
    options: { fill: { type: 'number', default: 0, description: 'Value written into the occluded group' } },
    defaults,
    async run({ model, inputs, targets, options, context, outputs }) {
      const per = sizeOf(model.inputShape);
      const groups = model.featureGroups();
      const owner = new Int32Array(per).fill(-1);
      groups.forEach((g, k) =>
        g.forEach((f) => {
          if (!Number.isInteger(f) || f < 0 || f >= per || owner[f] !== -1) {
            throw new GlassboxError('FEATURE_GROUPS_INVALID', `Feature group ${k} lists feature ${f}; expected distinct integers in [0, ${per - 1}] across groups`, { group: k, feature: f });
          }
          owner[f] = k;
        }),
      );
      const n = inputs.shape[0];
      const outputSize = outputs.length / n;
      const x = (await inputs.data()) as Float32Array;
      const drops = new Float32Array(n * groups.length);
      // Item j: example ⌊j / groups⌋ with group j % groups occluded.
      await runChunks({
        total: n * groups.length,
        context,
        stage: 'group-occlusion',
        cost: { elements: per },
        async computeAsync(start, end) {
          const batch = new Float32Array((end - start) * per);
          for (let j = start; j < end; j++) {
            const i = Math.floor(j / groups.length);
            batch.set(x.subarray(i * per, (i + 1) * per), (j - start) * per);
            for (const f of groups[j % groups.length]!) batch[(j - start) * per + f] = options.fill;
          }
          const t = tf.tensor(batch, [end - start, ...model.inputShape]);
          try {
            return await model.predict(t);
          } finally {
            t.dispose();
          }
        },
        collect(scores, start, end) {
          for (let j = start; j < end; j++) {
            const i = Math.floor(j / groups.length);
            drops[j] = outputs[i * outputSize + targets[i]!]! - scores[(j - start) * outputSize + targets[i]!]!;
          }
        },
      });
      return {
        attributions: { values: drops, shape: [n, groups.length] },
        diagnostics: { groups: groups.length, ...(model.featureGroupNames ? { groupNames: [...model.featureGroupNames] } : {}) },
      };
    },
  });
}
