import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGlassboxError, PluginError, type BackendProvider, type Explainer } from '@glassbox/core';
import { chosenPlugins, nearestPackageJson, declaredDependencies, type PluginChoice } from './chosenPlugins';
import { loadPluginFile, resolvePluginPackage } from './loadPluginModule';
import { pluginManifest } from './pluginManifest';
import { declaredMethodsMismatch } from './declaredMethodsMismatch';
import { backendFrom } from './backendFrom';

/** Where a method, backend or metric comes from: shown by `glassbox methods`. */
export interface PluginSource {
  /** `built-in`: a dependency of the CLI; `dependency`: of your project; `config`: your glassbox.config. */
  via: 'built-in' | 'dependency' | 'config';
  /** Package name and version, or the module file / config entry. */
  packageName: string;
  packageVersion: string;
}

/** An installed explainer and the package that provides it. */
export interface InstalledExplainer extends PluginSource {
  explainer: Explainer<any, any, any>;
}

/** A backend a plugin provides; `load` imports its package and calls the factory. */
export interface InstalledBackend extends PluginSource {
  name: string;
  load(): Promise<BackendProvider>;
}

/** A module that provides metrics; `load` returns them (Metric objects from `@glassbox/metrics`). */
export interface MetricModule extends PluginSource {
  load(): Promise<unknown[]>;
}

/** A package that registers tfjs-layers custom layers when imported (its manifest's `"layers"`). */
export interface LayerModule extends PluginSource {
  /** The layer class names it registers. */
  classNames: string[];
  /** Imports the package (which registers its layers). */
  load(): Promise<unknown>;
}

/** Everything the CLI may use: explainers, backends and metrics, with where each came from. */
export interface DiscoveredPlugins {
  explainers: InstalledExplainer[];
  backends: InstalledBackend[];
  metrics: MetricModule[];
  /** Packages that register custom layers, imported or not (see `importCustomLayers`). */
  layers: LayerModule[];
  /** Plugins refused or failed, as one line each (`[PLUGIN_REFUSED] …`). */
  errors: string[];
  /** The glassbox.config file read, if any. */
  config?: string | undefined;
}

/**
 * The explainers a plugin module provides: the factories its manifest names, else an `explainers`
 * export (factories or objects), else its default export's.
 */
export function explainersOf(mod: Record<string, unknown>, names?: readonly string[]): Explainer<any, any, any>[] {
  const list = (names?.length ? names.map((n) => mod[n]) : (mod.explainers ?? (mod.default as Record<string, unknown> | undefined)?.explainers)) as unknown;
  if (!Array.isArray(list)) return [];
  return list
    .map((x) => (typeof x === 'function' ? (x as () => unknown)() : x))
    .filter((x): x is Explainer<any, any, any> => !!x && typeof x === 'object' && typeof (x as Explainer).name === 'string' && typeof (x as Explainer).explain === 'function');
}

function metricsOf(mod: Record<string, unknown>, names: readonly string[]): unknown[] {
  return names.flatMap((n) => {
    const v = typeof mod[n] === 'function' ? (mod[n] as () => unknown)() : mod[n];
    return Array.isArray(v) ? v : v ? [v] : [];
  });
}

const cliPackageJson = async (): Promise<string> => {
  const here = dirname(fileURLToPath(import.meta.url));
  return (await nearestPackageJson(here))!;
};

/** What {@link discoverPlugins} looks for. */
export interface DiscoverPluginsOptions {
  /**
   * The one method id the caller needs (`explain --method saliency`). A package whose manifest
   * declares `"methods"` is then imported only if they include this id; packages that do not
   * declare them are imported as without this option. `explainers` then holds the explainers of the
   * packages imported, which include this method's if it is installed, not necessarily all: to
   * list every installed method, leave it out.
   */
  method?: string | undefined;
}

/**
 * Finds the plugins to trust: the CLI's own dependencies (built-in), then the ones the user chose
 * (see `chosenPlugins`: a glassbox.config file, else the project's declared dependencies). One
 * mechanism serves explainers, backends and metrics, all declared in a package.json `"glassbox"`
 * manifest. A user plugin cannot replace a built-in method or backend, and two user plugins cannot
 * claim one id: the later one is refused and reported in `errors`. Nothing else in `node_modules`
 * is imported.
 *
 * With `options.method`, a package whose manifest declares its `"methods"` is imported only when
 * they include that id (a backend's or metric's package is imported only when used, as always).
 * The rules above do not depend on what was imported: a package that declares `"methods"` claims
 * those ids, imported or not, and once imported, explainers with ids it does not declare are
 * refused (as are declared ids it does not export).
 *
 * @example
 * ```ts
 * const { explainers, errors } = await discoverPlugins(process.cwd());
 * explainers.map((e) => `${e.explainer.name} from ${e.packageName}@${e.packageVersion} (${e.via})`);
 * // Only what `--method saliency` needs: @glassbox/gradient-saliency, not the other built-ins.
 * const one = await discoverPlugins(process.cwd(), { method: 'saliency' });
 * one.explainers.find((e) => e.explainer.name === 'saliency');
 * ```
 */
export async function discoverPlugins(cwd: string = process.cwd(), options: DiscoverPluginsOptions = {}): Promise<DiscoveredPlugins> {
  const cliJson = await cliPackageJson();
  // Built-in: what the CLI ships with (its runtime dependencies; its devDependencies are for its tests).
  const builtIn: PluginChoice[] = (await declaredDependencies(cliJson, ['dependencies'])).map((name) => ({ kind: 'package', name, from: cliJson, via: 'built-in' }));
  const user = await chosenPlugins(cwd);
  const out: DiscoveredPlugins = { explainers: [], backends: [], metrics: [], layers: [], errors: [], config: user.config };
  const builtInPackages = new Set<string>();
  const methodOwner = new Map<string, PluginSource>();
  const backendOwner = new Map<string, PluginSource>([['cpu', { via: 'built-in', packageName: '@glassbox/core', packageVersion: '' }]]);
  const refuse = (message: string, plugin: string) => out.errors.push(`[PLUGIN_REFUSED] ${new PluginError(message, { plugin }).message}`);
  const label = (s: PluginSource) => `${s.packageName}${s.packageVersion ? `@${s.packageVersion}` : ''} (${s.via})`;
  const refusal = (what: string, id: string, source: PluginSource, owner: PluginSource) =>
    `${what} "${id}" from ${label(source)} is refused: ${owner.via === 'built-in' ? 'it would shadow the built-in one' : 'it is already provided'} from ${label(owner)}`;

  /** Claims method ids for `source` in order; returns the ids granted (the others are refused). */
  const claim = (source: PluginSource, ids: readonly string[]): Set<string> => {
    const granted = new Set<string>();
    for (const id of ids) {
      const owner = methodOwner.get(id);
      if (owner) {
        refuse(refusal('method', id, source, owner), source.packageName);
        continue;
      }
      methodOwner.set(id, source);
      granted.add(id);
    }
    return granted;
  };

  /** Adds what `source` provides; `granted` are its method ids (claimed from its exports when not given). */
  const add = (source: PluginSource, explainers: Explainer<any, any, any>[], backends: Record<string, () => Promise<BackendProvider>>, metrics?: () => Promise<unknown[]>, granted?: Set<string>) => {
    const usable = granted ?? claim(source, explainers.map((e) => e.name));
    for (const explainer of explainers) {
      if (!usable.delete(explainer.name)) continue; // refused, undeclared, or a second explainer with this id
      out.explainers.push({ ...source, explainer });
    }
    for (const [name, load] of Object.entries(backends)) {
      const owner = backendOwner.get(name);
      if (owner) {
        refuse(refusal('backend', name, source, owner), source.packageName);
        continue;
      }
      backendOwner.set(name, source);
      out.backends.push({ ...source, name, load });
    }
    if (metrics) out.metrics.push({ ...source, load: metrics });
  };

  for (const choice of [...builtIn, ...user.choices]) {
    const where = choice.kind === 'package' ? choice.name : choice.kind === 'file' ? choice.path : `${user.config} plugins[${choice.index}]`;
    try {
      if (choice.kind === 'package') {
        if (choice.via !== 'built-in' && builtInPackages.has(choice.name)) continue; // the CLI's own copy serves
        const pkg = await resolvePluginPackage(choice.name, choice.from);
        if (!pkg) {
          if (choice.via === 'config') refuse(`${choice.name} is named in ${user.config} but is not installed in ${dirname(choice.from)}`, choice.name);
          continue;
        }
        const manifest = pluginManifest(pkg.pkg, choice.name);
        if (!manifest) {
          if (choice.via === 'config') refuse(`${choice.name} has no "glassbox" manifest in its package.json; it is not a Glassbox plugin`, choice.name);
          continue;
        }
        if (choice.via === 'built-in') builtInPackages.add(choice.name);
        const source: PluginSource = { via: choice.via, packageName: pkg.name, packageVersion: pkg.version };
        // Declared ids are claimed before any import, so the rules come out the same whether or not it is imported.
        const granted = manifest.methods && claim(source, manifest.methods);
        const wanted = !options.method || !manifest.methods || manifest.methods.includes(options.method);
        const mod = manifest.explainers.length && wanted ? await pkg.load() : undefined;
        if (mod) {
          const missing = manifest.explainers.filter((n) => typeof mod[n] !== 'function' && typeof mod[n] !== 'object');
          if (missing.length) refuse(`${pkg.name}: package.json lists explainers it does not export: ${missing.join(', ')}`, pkg.name);
        }
        const explainers = mod ? explainersOf(mod, manifest.explainers) : [];
        const mismatch = manifest.methods && wanted && declaredMethodsMismatch(manifest.methods, explainers.map((e) => e.name));
        if (mismatch) refuse(`${pkg.name}: package.json "glassbox.methods" does not match its explainers: it ${mismatch}; only declared methods it exports are used`, pkg.name);
        const backends = Object.fromEntries(
          Object.entries(manifest.backends).map(([name, exp]) => [name, async () => backendFrom(await pkg.load(), exp, pkg.name)]),
        );
        add(source, explainers, backends, manifest.metrics.length ? async () => metricsOf(await pkg.load(), manifest.metrics) : undefined, granted);
        if (manifest.layers.length) out.layers.push({ ...source, classNames: manifest.layers, load: () => pkg.load() });
      } else {
        const mod = choice.kind === 'file' ? await loadPluginFile(choice.path) : choice.value;
        const source: PluginSource = { via: 'config', packageName: where, packageVersion: '' };
        const backends = (mod.backends && typeof mod.backends === 'object' ? mod.backends : {}) as Record<string, unknown>;
        add(
          source,
          explainersOf(mod),
          Object.fromEntries(Object.entries(backends).map(([name, f]) => [name, async () => backendFrom({ f }, 'f', where)])),
          Array.isArray(mod.metrics) ? async () => mod.metrics as unknown[] : undefined,
        );
      }
    } catch (e) {
      out.errors.push(isGlassboxError(e) ? `[${e.code}] ${e.message.split('\n')[0]}` : `[PLUGIN_REFUSED] ${where}: ${(e as Error).message}`);
    }
  }
  out.explainers.sort((a, b) => a.explainer.name.localeCompare(b.explainer.name));
  return out;
}
