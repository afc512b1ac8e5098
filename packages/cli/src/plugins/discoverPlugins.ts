import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGlassboxError, PluginError, type BackendProvider, type Explainer } from '@glassbox/core';
import { chosenPlugins, nearestPackageJson, declaredDependencies, type PluginChoice } from './chosenPlugins';
import { loadPluginFile, resolvePluginPackage } from './loadPluginModule';
import { pluginManifest } from './pluginManifest';

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

/** Everything the CLI may use: explainers, backends and metrics, with where each came from. */
export interface DiscoveredPlugins {
  explainers: InstalledExplainer[];
  backends: InstalledBackend[];
  metrics: MetricModule[];
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

/**
 * Finds the plugins to trust: the CLI's own dependencies (built-in), then the ones the user chose
 * (see `chosenPlugins`: a glassbox.config file, else the project's declared dependencies). One
 * mechanism serves explainers, backends and metrics, all declared in a package.json `"glassbox"`
 * manifest. A user plugin cannot replace a built-in method or backend, and two user plugins cannot
 * claim one id: the later one is refused and reported in `errors`. Nothing else in `node_modules`
 * is imported.
 *
 * @example
 * ```ts
 * const { explainers, errors } = await discoverPlugins(process.cwd());
 * explainers.map((e) => `${e.explainer.name} from ${e.packageName}@${e.packageVersion} (${e.via})`);
 * ```
 */
export async function discoverPlugins(cwd: string = process.cwd()): Promise<DiscoveredPlugins> {
  const cliJson = await cliPackageJson();
  // Built-in: what the CLI ships with (its runtime dependencies; its devDependencies are for its tests).
  const builtIn: PluginChoice[] = (await declaredDependencies(cliJson, ['dependencies'])).map((name) => ({ kind: 'package', name, from: cliJson, via: 'built-in' }));
  const user = await chosenPlugins(cwd);
  const out: DiscoveredPlugins = { explainers: [], backends: [], metrics: [], errors: [], config: user.config };
  const builtInPackages = new Set<string>();
  const methodOwner = new Map<string, InstalledExplainer>();
  const backendOwner = new Map<string, PluginSource>([['cpu', { via: 'built-in', packageName: '@glassbox/core', packageVersion: '' }]]);
  const refuse = (message: string, plugin: string) => out.errors.push(`[PLUGIN_REFUSED] ${new PluginError(message, { plugin }).message}`);
  const label = (s: PluginSource) => `${s.packageName}${s.packageVersion ? `@${s.packageVersion}` : ''} (${s.via})`;

  const add = (source: PluginSource, explainers: Explainer<any, any, any>[], backends: Record<string, () => Promise<BackendProvider>>, metrics?: () => Promise<unknown[]>) => {
    for (const explainer of explainers) {
      const owner = methodOwner.get(explainer.name);
      if (owner) {
        refuse(`method "${explainer.name}" from ${label(source)} is refused: ${owner.via === 'built-in' ? 'it would shadow the built-in one' : 'it is already provided'} from ${label(owner)}`, source.packageName);
        continue;
      }
      const installed = { ...source, explainer };
      methodOwner.set(explainer.name, installed);
      out.explainers.push(installed);
    }
    for (const [name, load] of Object.entries(backends)) {
      const owner = backendOwner.get(name);
      if (owner) {
        refuse(`backend "${name}" from ${label(source)} is refused: ${owner.via === 'built-in' ? 'it would shadow the built-in one' : 'it is already provided'} from ${label(owner)}`, source.packageName);
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
        const mod = manifest.explainers.length ? await pkg.load() : undefined;
        if (mod) {
          const missing = manifest.explainers.filter((n) => typeof mod[n] !== 'function' && typeof mod[n] !== 'object');
          if (missing.length) refuse(`${pkg.name}: package.json lists explainers it does not export: ${missing.join(', ')}`, pkg.name);
        }
        const backends = Object.fromEntries(
          Object.entries(manifest.backends).map(([name, exp]) => [name, async () => backendFrom(await pkg.load(), exp, pkg.name)]),
        );
        add(source, mod ? explainersOf(mod, manifest.explainers) : [], backends, manifest.metrics.length ? async () => metricsOf(await pkg.load(), manifest.metrics) : undefined);
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

function backendFrom(mod: Record<string, unknown>, exportName: string, plugin: string): BackendProvider {
  const factory = mod[exportName];
  const provider = typeof factory === 'function' ? (factory as () => unknown)() : factory;
  const p = provider as Partial<BackendProvider> | undefined;
  if (!p || typeof p.name !== 'string' || typeof p.init !== 'function' || typeof p.priority !== 'number') {
    throw new PluginError(`${plugin}: "${exportName}" is not a backend factory (expected () => { name, priority, init })`, { plugin });
  }
  return p as BackendProvider;
}
