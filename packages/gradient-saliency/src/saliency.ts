import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer, type Explainer, type OptionSchema } from '@glassbox/core';
import { chunkedGradients } from './chunkedGradients';
import { name, version } from '../package.json';

/** Options of {@link saliency}. */
export interface SaliencyOptions {
  /** Absolute value of the gradient (Captum's default, true) or the signed gradient. */
  abs: boolean;
}

const schema: OptionSchema<SaliencyOptions> = {
  abs: { type: 'boolean', default: true, description: 'Absolute value of the gradient (false: signed gradient)' },
};

/**
 * Vanilla gradient saliency (Simonyan et al. 2014): the gradient of each example's target output
 * with respect to its input, in absolute value by default as in Captum's `Saliency`. Examples are
 * evaluated in chunks sized to the memory budget. Method id `saliency`.
 *
 * @example
 * ```ts
 * const e = await saliency().explain(model, x, { target: 1 });           // |∂f₁/∂x|
 * const signed = await saliency({ abs: false }).explain(model, x);       // ∂f/∂x at the predicted class
 * ```
 */
export function saliency(defaults: Partial<SaliencyOptions> = {}): Explainer<SaliencyOptions, 'attribution'> {
  return defineExplainer({
    name: 'saliency',
    kind: 'attribution',
    package: { name, version },
    description: 'Gradient of the target output with respect to the input (absolute by default)',
    requires: ['gradients'],
    completeness: false,
    collectsOutputs: true,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, outputs }) {
      const r = await chunkedGradients({
        forward: model.forward,
        inputs,
        targets,
        outputs,
        context,
        stage: 'saliency',
        map: (g) => (options.abs ? tf.abs(g) : g),
      });
      return { attributions: { values: r.values, shape: r.shape }, diagnostics: { chunkSize: r.chunkSize, chunks: r.chunks } };
    },
  });
}
