import * as tf from '@tensorflow/tfjs-core';
import { EXPLAINER_SPEC_VERSION } from '../explainer/Explainer';
import { isGlassboxError } from '../errors/GlassboxError';
import type { ConformanceCheck } from './explainerConformance';

/** The parts of a plugin's package.json the checks read. */
export interface PluginManifest {
  name: string;
  version: string;
  glassbox?: { plugin?: boolean; explainers?: string[]; methods?: string[]; layers?: string[] };
  peerDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

/** What {@link pluginManifestConformance} checks. */
export interface PluginManifestOptions {
  /** The plugin's package.json (import it: `import manifest from '../package.json'`). */
  manifest: PluginManifest;
  /** The plugin's main entry (`import * as plugin from './index'`). */
  exports: Record<string, unknown>;
  /** The version of @glassbox/core the plugin is tested against; its peer range must admit it. */
  coreVersion: string;
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

/**
 * Checks that a plugin package is what the CLI and users expect: its package.json declares
 * `"glassbox": { "plugin": true, "explainers": [...] }`; each listed name is a named export, a
 * factory whose no-argument explainer has that export's method `name` … and reports this package's
 * name and version (identity from package.json); when it declares `"methods"` (the method ids,
 * which let the CLI import only the package a command needs), they are exactly the names of the
 * listed factories' explainers; when it declares `"layers"` (custom layer class names, which the
 * CLI imports the package for before loading a model that uses them), each is registered with
 * tfjs's serialization registry once the package is imported; `@glassbox/core` is a peer dependency whose range admits
 * `coreVersion` and not a regular dependency.
 *
 * @example
 * ```ts
 * import manifest from '../package.json';
 * import { version as coreVersion } from '@glassbox/core/package.json';
 * import * as plugin from './index';
 * for (const c of pluginManifestConformance({ manifest, exports: plugin, coreVersion })) it(c.name, c.run);
 * ```
 */
export function pluginManifestConformance({ manifest, exports, coreVersion }: PluginManifestOptions): ConformanceCheck[] {
  const listed = manifest.glassbox?.explainers ?? [];
  return [
    {
      name: `${manifest.name}: package.json declares a Glassbox plugin with at least one explainer`,
      run: async () => {
        if (manifest.glassbox?.plugin !== true) fail('package.json needs "glassbox": { "plugin": true, … }');
        if (!listed.length) fail('package.json "glassbox.explainers" lists no factory export');
      },
    },
    ...listed.map((exportName) => ({
      name: `${manifest.name}: export "${exportName}" is a factory of an explainer that reports this package`,
      run: async () => {
        const factory = exports[exportName];
        if (typeof factory !== 'function') fail(`"glassbox.explainers" lists "${exportName}", but the package exports no function of that name`);
        let explainer: Record<string, unknown>;
        try {
          explainer = (factory as () => Record<string, unknown>)();
        } catch (e) {
          throw new Error(`${exportName}() with no arguments threw ${isGlassboxError(e) ? e.code : ''} ${(e as Error).message}`);
        }
        if (typeof explainer.name !== 'string' || !explainer.name) fail(`${exportName}() returned no method name`);
        if (explainer.specVersion !== EXPLAINER_SPEC_VERSION) fail(`${exportName}() has specVersion ${String(explainer.specVersion)}; expected ${EXPLAINER_SPEC_VERSION}`);
        if (typeof explainer.explain !== 'function' || typeof explainer.run !== 'function') fail(`${exportName}() has no explain/run: build it with defineExplainer`);
        if (explainer.package !== manifest.name || explainer.version !== manifest.version) {
          fail(`${exportName}() reports ${String(explainer.package)}@${String(explainer.version)}; package.json says ${manifest.name}@${manifest.version}`);
        }
      },
    })),
    ...(manifest.glassbox?.methods
      ? [
          {
            name: `${manifest.name}: "glassbox.methods" lists exactly the method ids of its explainers`,
            run: async () => {
              const declared = manifest.glassbox!.methods!;
              const names = listed.map((n) => exports[n]).filter((f): f is () => { name?: unknown } => typeof f === 'function').map((f) => String(f().name));
              const missing = declared.filter((id) => !names.includes(id));
              const extra = names.filter((id) => !declared.includes(id));
              if (missing.length || extra.length) {
                fail(`"glassbox.methods" ${[missing.length ? `lists ${missing.join(', ')}, which no factory makes` : '', extra.length ? `misses ${extra.join(', ')}` : ''].filter(Boolean).join(' and ')}`);
              }
            },
          },
        ]
      : []),
    ...(manifest.glassbox?.layers?.length
      ? [
          {
            name: `${manifest.name}: every layer of "glassbox.layers" is registered once the package is imported`,
            run: async () => {
              const registered = tf.serialization.SerializationMap.getMap().classNameMap;
              const missing = manifest.glassbox!.layers!.filter((c) => !(c in registered));
              if (missing.length) fail(`"glassbox.layers" lists ${missing.join(', ')}, which importing the package does not register (tf.serialization.registerClass)`);
            },
          },
        ]
      : []),
    {
      name: `${manifest.name}: @glassbox/core is a peer dependency whose range admits core ${coreVersion}`,
      run: async () => {
        const range = manifest.peerDependencies?.['@glassbox/core'];
        if (!range) fail('@glassbox/core must be a peer dependency (one copy per application)');
        if (manifest.dependencies?.['@glassbox/core']) fail('@glassbox/core must not also be a regular dependency');
        if (!rangeAdmits(range!, coreVersion)) fail(`peer range "${range}" for @glassbox/core does not admit ${coreVersion}`);
      },
    },
  ];
}

/** Whether a caret, tilde, `>=`, exact or `workspace:` range admits `version` (x.y.z only; `||` alternatives). */
export function rangeAdmits(range: string, version: string): boolean {
  // x.y.z; a missing part stays undefined (compared as such below), as before these were typed.
  const parse = (v: string) => (v.trim().replace(/^v/, '').split('-')[0] ?? '').split('.').map((p) => (p === 'x' || p === '*' ? NaN : Number(p))) as [number, number, number];
  const [M, m, p] = parse(version);
  const cmp = (a: [number, number, number]) => (M !== a[0] ? M - a[0] : m !== (a[1] || 0) ? m - (a[1] || 0) : p - (a[2] || 0));
  return range.split('||').some((raw) => {
    const r = raw.trim().replace(/^workspace:/, '');
    if (r === '*' || r === '' || r === '^' || r === '~') return true;
    const op = /^(\^|~|>=|=)?\s*(.*)$/.exec(r)!;
    const v = parse(op[2] ?? '');
    if (v.some((x, i) => Number.isNaN(x) && i === 0)) return true;
    if (op[1] === '>=') return cmp(v) >= 0;
    if (cmp(v) < 0) return false;
    if (op[1] === '^') return v[0] > 0 ? M === v[0] : v[1] > 0 ? M === 0 && m === v[1] : M === 0 && m === 0 && p === v[2];
    if (op[1] === '~') return M === v[0] && m === (v[1] || 0);
    return Number.isNaN(v[1]) ? M === v[0] : cmp(v) === 0;
  });
}
