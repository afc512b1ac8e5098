import type { ExplanationKind } from '../explanation/Explanation';
import type { ModelCapability } from '../model/Model';
import { EXPLAINER_SPEC_VERSION, type ExplainRequest, type ExplainResult, type Explainer } from './Explainer';
import type { OptionSchema } from './OptionSchema';
import type { PackageIdentity } from './PackageIdentity';
import { runExplainer } from './runExplainer';
import { resolveOptions } from './resolveOptions';

/**
 * What a plugin author writes: an {@link Explainer} without what core supplies (`explain`,
 * `specVersion`, `version`), plus the package identity, the factory's option defaults, and a `run`
 * whose request is narrowed by `requires`.
 */
export interface ExplainerDefinition<O, K extends ExplanationKind, D, C extends ModelCapability = never>
  extends Omit<Explainer<O, K, D>, 'explain' | 'specVersion' | 'version' | 'package' | 'requires' | 'run'> {
  /** The npm package that provides it: its package.json `name` and `version` (see {@link PackageIdentity}). */
  readonly package: PackageIdentity;
  /** Capabilities the model must have; `run`'s `model` is typed as having them. */
  readonly requires: readonly C[];
  /** Factory arguments that override the schema's defaults; validated here (a typo throws `INVALID_OPTION`). */
  readonly defaults?: Partial<O>;
  /** The method itself: called only with validated input and a model that has `requires`. */
  run(request: ExplainRequest<O, C>): Promise<ExplainResult<D>>;
}

/**
 * Makes an explainer plugin from its definition: core applies and validates the factory's
 * `defaults`, takes the version from the package identity, adds `specVersion` and `explain`
 * (capabilities, options, inputs and targets validated before `run`; context, timing and packaging
 * after).
 *
 * @example
 * ```ts
 * import { name, version } from '../package.json';
 *
 * export const gradient = (defaults: Partial<{ abs: boolean }> = {}) =>
 *   defineExplainer({
 *     name: 'my-gradient', package: { name, version }, kind: 'attribution', description: 'Plain gradient',
 *     requires: ['gradients'],
 *     options: { abs: { type: 'boolean', default: false, description: 'Absolute value' } },
 *     defaults,
 *     async run({ model, inputs, targets }) { … model.forward(x) … return { attributions }; },
 *   });
 * ```
 */
export function defineExplainer<O, K extends ExplanationKind, D = unknown, C extends ModelCapability = never>(
  definition: ExplainerDefinition<O, K, D, C>,
): Explainer<O, K, D> {
  const { defaults, package: identity, ...rest } = definition;
  const explainer: Explainer<O, K, D> = {
    ...rest,
    package: identity.name,
    version: identity.version,
    options: withDefaults(definition.options, defaults, `method "${definition.name}"`),
    specVersion: EXPLAINER_SPEC_VERSION,
    run: definition.run as Explainer<O, K, D>['run'],
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
