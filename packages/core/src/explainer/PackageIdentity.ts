/**
 * The npm package an explainer comes from: its `name` and `version`, as in its package.json.
 * Pass the package.json fields themselves so that they cannot drift: a bundler (tsup, Vite)
 * inlines them at build time, and vitest reads them when testing against sources.
 *
 * @example
 * ```ts
 * import { name, version } from '../package.json';
 * defineExplainer({ package: { name, version }, … });
 * ```
 */
export interface PackageIdentity {
  readonly name: string;
  readonly version: string;
}
