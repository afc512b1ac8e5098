import { defineExplainer, type Explainer, type GradientRules } from '@glassbox/core';
import { chunkedGradients } from './chunkedGradients';
import { deconvolutionReluRules, guidedReluRules } from './reluRules';
import { name, version } from '../package.json';

function reluRuleGradient(id: string, description: string, rules: GradientRules): Explainer<Record<string, never>, 'attribution'> {
  return defineExplainer<Record<string, never>, 'attribution', unknown, 'gradients' | 'gradient-rules'>({
    name: id,
    kind: 'attribution',
    package: { name, version },
    description,
    requires: ['gradients', 'gradient-rules'],
    completeness: false,
    collectsOutputs: true,
    options: {},
    async run({ model, inputs, targets, context, outputs }) {
      const forward = (x: Parameters<typeof model.forward>[0]) => model.forward(x, { gradientRules: rules });
      const r = await chunkedGradients({ forward, inputs, targets, outputs, context, stage: id, map: (g) => g });
      return { attributions: { values: r.values, shape: r.shape }, diagnostics: { chunkSize: r.chunkSize, chunks: r.chunks } };
    },
  });
}

/**
 * Guided backpropagation (Springenberg et al. 2015), as Captum's `GuidedBackprop`: the gradient of
 * the target with every ReLU passing back `relu(dy · 1[x > 0])`. Needs the `gradient-rules`
 * capability (Layers, Graph and function models). Method id `guided-backprop`.
 *
 * @example
 * ```ts
 * const e = await guidedBackprop().explain(cnn, images, { target: 3 });
 * ```
 */
export function guidedBackprop(): Explainer<Record<string, never>, 'attribution'> {
  return reluRuleGradient('guided-backprop', 'Gradient with ReLUs passing back only positive gradients where active', guidedReluRules);
}

/**
 * Deconvolution (Zeiler & Fergus 2014), as Captum's `Deconvolution`: the gradient of the target
 * with every ReLU passing back `relu(dy)` regardless of its input. Method id `deconvolution`.
 *
 * @example
 * ```ts
 * const e = await deconvolution().explain(cnn, images, { target: 3 });
 * ```
 */
export function deconvolution(): Explainer<Record<string, never>, 'attribution'> {
  return reluRuleGradient('deconvolution', 'Gradient with ReLUs passing back the positive part of the upstream gradient', deconvolutionReluRules);
}
