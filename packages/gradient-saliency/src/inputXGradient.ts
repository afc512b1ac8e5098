import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer, type Explainer } from '@glassbox/core';
import { chunkedGradients } from './chunkedGradients';
import { name, version } from '../package.json';

/**
 * Input × gradient (Shrikumar et al. 2016): each input element times the gradient of the target
 * output with respect to it, as Captum's `InputXGradient`. For a linear model it is the exact
 * contribution of each feature relative to a zero input. Method id `input-x-gradient`.
 *
 * @example
 * ```ts
 * const e = await inputXGradient().explain(model, x, { target: 'predicted' });
 * ```
 */
export function inputXGradient(): Explainer<Record<string, never>, 'attribution'> {
  return defineExplainer<Record<string, never>, 'attribution', unknown, 'gradients'>({
    name: 'input-x-gradient',
    kind: 'attribution',
    package: { name, version },
    description: 'Input times the gradient of the target output with respect to it',
    requires: ['gradients'],
    completeness: false,
    collectsOutputs: true,
    options: {},
    async run({ model, inputs, targets, context, outputs }) {
      const r = await chunkedGradients({ forward: model.forward, inputs, targets, outputs, context, stage: 'input-x-gradient', map: (g, x) => tf.mul(g, x) });
      return { attributions: { values: r.values, shape: r.shape }, diagnostics: { chunkSize: r.chunkSize, chunks: r.chunks } };
    },
  });
}
