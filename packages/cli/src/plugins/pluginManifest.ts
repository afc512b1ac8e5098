import { PluginError } from '@glassbox/core';

/**
 * The `"glassbox"` field of a plugin's package.json: what its main entry provides, by export name,
 * and, optionally, the method ids its explainers have (so the CLI can tell which package provides
 * `--method <id>` without importing any).
 *
 * @example
 * ```json
 * "glassbox": {
 *   "explainers": ["occlusion", "groupOcclusion"],
 *   "methods": ["occlusion", "group-occlusion"],
 *   "backends": { "wasm": "wasmBackend" },
 *   "metrics": ["METRICS"],
 *   "layers": ["MyAttention"]
 * }
 * ```
 */
export interface PluginManifest {
  /** Factories (`() => Explainer`), by export name. */
  explainers: string[];
  /**
   * The method ids (each explainer's `name`, kebab-case: `"input-x-gradient"`) the `explainers`
   * factories make, in any order; `undefined` when the manifest does not say. With it, commands that
   * need one method (`explain`, `profile`, dataset runs) import the package only when it lists that
   * method; without it, the package is imported to find out. When the package is imported, the ids
   * its explainers really have must be exactly these: otherwise the CLI refuses the difference
   * (`PLUGIN_REFUSED`) and uses only the declared ones it exports. The ids count as the package's
   * claims in the shadowing rules whether or not it was imported.
   */
  methods?: string[] | undefined;
  /** Backend name → export name of a factory (`() => BackendProvider`); imported only when chosen. */
  backends: Record<string, string>;
  /** Exports holding a Metric, a list of them, or a factory of either; imported by `evaluate`. */
  metrics: string[];
  /**
   * Class names of the tfjs-layers custom layers that importing the package registers (its layers'
   * `static className`): before loading a layers model that uses one, the CLI imports the package,
   * whatever method runs (a command that needs one method imports no other plugin on its own).
   */
  layers: string[];
}

const NAME = /^[A-Za-z_$][\w$]*$/;
/** A kebab-case method id: lower-case words of letters and digits joined by single hyphens. */
const METHOD_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A Keras layer class name as model.json files spell it (`Dense`, `MyAttention`, `Custom>Pooling`). */
const LAYER_CLASS = /^[A-Za-z_][\w.>]*$/;

/**
 * Reads and checks a package's `"glassbox"` manifest: `undefined` when the package has none (it is
 * not a plugin), a `PluginError` when it is malformed.
 */
export function pluginManifest(pkg: Record<string, unknown>, plugin: string): PluginManifest | undefined {
  const raw = pkg.glassbox;
  if (raw === undefined) return undefined;
  const bad = (why: string): never => {
    throw new PluginError(`${plugin}: package.json "glassbox" ${why}`, { plugin });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('must be an object such as { "explainers": ["myMethod"] }');
  const m = raw as Record<string, unknown>;
  const list = (key: string, pattern = NAME, what = 'export names'): string[] => {
    const v = m[key] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && pattern.test(x))) return bad(`"${key}" must be a list of ${what}`);
    return v as string[];
  };
  const backends = m.backends ?? {};
  if (!backends || typeof backends !== 'object' || Array.isArray(backends)) return bad('"backends" must map backend names to export names');
  const byName = Object.create(null) as Record<string, string>;
  for (const [name, exp] of Object.entries(backends)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name) || typeof exp !== 'string' || !NAME.test(exp)) return bad(`"backends" entry ${JSON.stringify(name)} must map a kebab-case backend name to an export name`);
    byName[name] = exp;
  }
  const methods = m.methods;
  if (methods !== undefined && (!Array.isArray(methods) || !methods.every((x) => typeof x === 'string' && METHOD_ID.test(x)) || new Set(methods).size !== methods.length)) {
    return bad('"methods" must be a list of distinct kebab-case method ids such as ["saliency", "input-x-gradient"]');
  }
  const layers = list('layers', LAYER_CLASS, 'layer class names such as ["MyAttention"]');
  return { explainers: list('explainers'), methods: methods as string[] | undefined, backends: byName, metrics: list('metrics'), layers };
}
