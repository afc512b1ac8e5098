import { readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Explainer } from '@glassbox/core';

/** An installed explainer and the package that provides it. */
export interface InstalledExplainer {
  explainer: Explainer<any, any, any>;
  packageName: string;
  packageVersion: string;
}

/** Where Glassbox plugins declare themselves: `"glassbox": { "plugin": true }` in package.json. */
interface PluginManifest {
  name: string;
  version: string;
  /** `explainers`: names of exported factories (each `() => Explainer`). */
  glassbox?: { plugin?: boolean; explainers?: string[] };
}

async function nodeModulesDirs(from: string): Promise<string[]> {
  const dirs: string[] = [];
  let d = resolve(from);
  for (;;) {
    dirs.push(join(d, 'node_modules'));
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return dirs;
}

async function packageDirs(nodeModules: string): Promise<string[]> {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(nodeModules);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@')) {
      try {
        for (const s of await readdir(join(nodeModules, e))) out.push(join(nodeModules, e, s));
      } catch {
        /* not a folder */
      }
    } else out.push(join(nodeModules, e));
  }
  return out;
}

/**
 * The explainers a plugin module provides: the factories its package.json names in
 * `glassbox.explainers`, else an `explainers` export (factories or objects), else its default export.
 */
export function explainersOf(mod: Record<string, unknown>, names?: readonly string[]): Explainer<any, any, any>[] {
  const list = (names?.length ? names.map((n) => mod[n]) : (mod.explainers ?? (mod.default as Record<string, unknown> | undefined)?.explainers ?? mod.default)) as unknown;
  if (!Array.isArray(list)) return [];
  return list
    .map((x) => (typeof x === 'function' ? (x as () => unknown)() : x))
    .filter((x): x is Explainer<any, any, any> => !!x && typeof x === 'object' && typeof (x as Explainer).name === 'string' && typeof (x as Explainer).explain === 'function');
}

/**
 * Finds installed Glassbox plugins: packages in `node_modules` (walking up from `cwd`, and from the
 * CLI's own location) whose package.json has `"glassbox": { "plugin": true }`. Each is imported and
 * its `explainers` export read. A plugin that fails to import is reported, not fatal.
 */
export async function discoverPlugins(cwd: string = process.cwd()): Promise<{ explainers: InstalledExplainer[]; errors: string[] }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [...(await nodeModulesDirs(cwd)), ...(await nodeModulesDirs(here))];
  const seen = new Set<string>();
  const explainers: InstalledExplainer[] = [];
  const errors: string[] = [];
  const names = new Set<string>();
  for (const nm of roots) {
    for (const dir of await packageDirs(nm)) {
      let real: string;
      let manifest: PluginManifest;
      try {
        real = await realpath(dir);
        if (seen.has(real)) continue;
        seen.add(real);
        manifest = JSON.parse(await readFile(join(real, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!manifest.glassbox?.plugin || names.has(manifest.name)) continue;
      names.add(manifest.name);
      try {
        const { createRequire } = await import('node:module');
        const entry = createRequire(join(real, 'package.json')).resolve(manifest.name);
        const mod = (await import(pathToFileURL(entry.endsWith('.cjs') ? entry.replace(/\.cjs$/, '.js') : entry).href)) as Record<string, unknown>;
        const missing = (manifest.glassbox.explainers ?? []).filter((n) => typeof mod[n] !== 'function' && typeof mod[n] !== 'object');
        if (missing.length) errors.push(`${manifest.name}: package.json lists explainers it does not export: ${missing.join(', ')}`);
        for (const explainer of explainersOf(mod, manifest.glassbox.explainers)) explainers.push({ explainer, packageName: manifest.name, packageVersion: manifest.version });
      } catch (e) {
        errors.push(`${manifest.name}: ${(e as Error).message}`);
      }
    }
  }
  explainers.sort((a, b) => a.explainer.name.localeCompare(b.explainer.name));
  return { explainers, errors };
}
