import type { ExplanationKind } from '../explanation/Explanation';
import { EXPLAINER_SPEC_VERSION, type Explainer } from './Explainer';
import { runExplainer } from './runExplainer';
import { resolveOptions } from './resolveOptions';
import type { OptionSchema } from './OptionSchema';

/** Everything of an {@link Explainer} except what core supplies (`explain`, `specVersion`). */
export type ExplainerDefinition<O, K extends ExplanationKind, D> = Omit<Explainer<O, K, D>, 'explain' | 'specVersion'>;

/**
 * Makes an explainer plugin from its definition: core adds `specVersion` and `explain`, which
 * validates the model's capabilities, the options, the inputs and the targets before calling `run`.
 *
 * @example
 * ```ts
 * export const gradient = (defaults: Partial<{ abs: boolean }> = {}) =>
 *   defineExplainer({
 *     name: 'my-gradient', version: '1.0.0', kind: 'attribution', description: 'Plain gradient',
 *     requires: ['gradients'],
 *     options: withDefaults({ abs: { type: 'boolean', default: false, description: 'Absolute value' } }, defaults),
 *     async run({ model, inputs, targets }) { … return { attributions }; },
 *   });
 * ```
 */
export function defineExplainer<O, K extends ExplanationKind, D = unknown>(definition: ExplainerDefinition<O, K, D>): Explainer<O, K, D> {
  const explainer: Explainer<O, K, D> = {
    ...definition,
    specVersion: EXPLAINER_SPEC_VERSION,
    explain: (model, inputs, call) => runExplainer(explainer, model, inputs, call),
  };
  return explainer;
}

/** A copy of `schema` whose defaults are replaced by validated `defaults` (for factory arguments). */
export function withDefaults<O>(schema: OptionSchema<O>, defaults: Partial<O> | undefined, owner = 'explainer'): OptionSchema<O> {
  if (!defaults || Object.keys(defaults).length === 0) return schema;
  const resolved = resolveOptions(schema, defaults as Record<string, unknown>, owner);
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(schema as Record<string, object>)) out[k] = { ...spec, default: (resolved as Record<string, unknown>)[k] };
  return out as OptionSchema<O>;
}
