import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginError } from '@glassbox/core';

/** Where a plugin was chosen: a dependency of a package.json, or an entry of a config file. */
export type PluginChoice =
  | { kind: 'package'; name: string; from: string; via: 'built-in' | 'dependency' | 'config' }
  | { kind: 'file'; path: string; via: 'config' }
  | { kind: 'inline'; value: Record<string, unknown>; index: number; via: 'config' };

/** Config file names, in the order they are looked for (the first one found is used). */
export const CONFIG_FILES = ['glassbox.config.js', 'glassbox.config.mjs', 'glassbox.config.json'] as const;

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The nearest package.json at or above `cwd` (the project), or undefined. */
export async function nearestPackageJson(cwd: string): Promise<string | undefined> {
  let d = resolve(cwd);
  for (;;) {
    if (await isFile(join(d, 'package.json'))) return join(d, 'package.json');
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Names in dependencies, devDependencies and optionalDependencies (or the `fields` given) of a package.json. */
export async function declaredDependencies(packageJson: string, fields: readonly string[] = ['dependencies', 'devDependencies', 'optionalDependencies']): Promise<string[]> {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(await readFile(packageJson, 'utf8'));
  } catch (e) {
    throw new PluginError(`Cannot read ${packageJson}: ${(e as Error).message}`, { plugin: packageJson });
  }
  const names = new Set<string>();
  for (const field of fields) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && !Array.isArray(deps)) for (const n of Object.keys(deps)) names.add(n);
  }
  return [...names];
}

/**
 * The plugins the user chose for a project at `cwd`. With a `glassbox.config.{js,mjs,json}` in
 * the project folder (the nearest package.json's, else `cwd`), exactly the plugins its `plugins`
 * list names (package names, `./relative/module.js` files, or, in JS configs, plugin objects);
 * otherwise the dependencies the nearest package.json declares (those with a `"glassbox"` manifest
 * are loaded). Nothing else in `node_modules` is looked at.
 *
 * @example
 * ```js
 * // glassbox.config.mjs
 * import * as occlusion from 'glassbox-plugin-occlusion';
 * export default { plugins: ['glassbox-plugin-lime', './plugins/my-method.mjs', occlusion] };
 * ```
 */
export async function chosenPlugins(cwd: string): Promise<{ choices: PluginChoice[]; project: string; config?: string }> {
  const packageJson = await nearestPackageJson(cwd);
  const project = packageJson ? dirname(packageJson) : resolve(cwd);
  for (const name of CONFIG_FILES) {
    const file = join(project, name);
    if (await isFile(file)) return { choices: await readConfig(file, project, packageJson), project, config: file };
  }
  if (!packageJson) return { choices: [], project };
  return { choices: (await declaredDependencies(packageJson)).map((name) => ({ kind: 'package', name, from: packageJson, via: 'dependency' })), project };
}

async function readConfig(file: string, project: string, packageJson: string | undefined): Promise<PluginChoice[]> {
  let config: unknown;
  try {
    config = file.endsWith('.json') ? JSON.parse(await readFile(file, 'utf8')) : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (e) {
    throw new PluginError(`Cannot load ${file}: ${(e as Error).message}`, { plugin: file }, { cause: e });
  }
  const plugins = (config as { plugins?: unknown } | undefined)?.plugins;
  if (!config || typeof config !== 'object' || !Array.isArray(plugins)) {
    throw new PluginError(`${file} must ${file.endsWith('.json') ? 'hold' : 'export default'} an object with a "plugins" list, such as { "plugins": ["glassbox-plugin-occlusion"] }`, { plugin: file });
  }
  return plugins.map((p, index): PluginChoice => {
    if (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../'))) return { kind: 'file', path: resolve(project, p), via: 'config' };
    if (typeof p === 'string' && p.length > 0) return { kind: 'package', name: p, from: packageJson ?? join(project, 'package.json'), via: 'config' };
    if (p && typeof p === 'object' && !Array.isArray(p)) return { kind: 'inline', value: p as Record<string, unknown>, index, via: 'config' };
    throw new PluginError(`${file}: plugins[${index}] must be a package name, a ./relative module path or a plugin object`, { plugin: file, index });
  });
}
