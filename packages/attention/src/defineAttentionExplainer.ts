import { defineExplainer, type ExplainerDefinition, type Explainer, type ExplanationKind } from '@glassbox/core';
import { name, version } from '../package.json';
import { adaptAttentionModel } from './adaptAttentionModel';
import { withTokenLabelCheck } from './tokenInputs';

/**
 * `defineExplainer` for this package's methods: each needs a model with `attention` (loaded by
 * hosts through {@link adaptAttentionModel}), reports this package's identity, and checks given
 * token labels against the inputs before running.
 */
export function defineAttentionExplainer<O, K extends ExplanationKind, D = unknown>(
  definition: Omit<ExplainerDefinition<O, K, D, 'attention'>, 'package' | 'requires' | 'adaptModel'>,
): Explainer<O, K, D> {
  return withTokenLabelCheck(defineExplainer<O, K, D, 'attention'>({ ...definition, package: { name, version }, requires: ['attention'], adaptModel: adaptAttentionModel }));
}
