import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PluginError } from '@glassbox/core';
import { COMMONJS, loadModuleFile } from './loadModuleFile';

/** A resolved plugin package: its folder, package.json and a loader of its main entry. */
export interface PluginPackage {
  name: string;
  version: string;
  dir: string;
  pkg: Record<string, unknown>;
  load(): Promise<Record<string, unknown>>;
}

/**
 * Resolves a package the way Node resolves `import name` from `fromPackageJson`, and reads its
 * package.json. Undefined when it is not installed there.
 */
export async function resolvePluginPackage(name: string, fromPackageJson: string): Promise<PluginPackage | undefined> {
  const require = createRequire(fromPackageJson);
  let pkgPath: string | undefined;
  try {
    pkgPath = require.resolve(`${name}/package.json`);
  } catch {
    // package.json not exported: find it above the main entry.
    try {
      let d = dirname(require.resolve(name));
      for (let i = 0; i < 8 && !pkgPath; i++, d = dirname(d)) if (existsSync(join(d, 'package.json'))) pkgPath = join(d, 'package.json');
    } catch {
      return undefined;
    }
  }
  if (!pkgPath) return undefined;
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as Record<string, unknown>;
  const dir = dirname(pkgPath);
  return {
    name,
    version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
    dir,
    pkg,
    load: async () => {
      try {
        // The entry of the CLI's own module format, so that the plugin shares the CLI's copy of core.
        let entry = createRequire(pkgPath).resolve(name);
        if (!COMMONJS && entry.endsWith('.cjs') && existsSync(entry.replace(/\.cjs$/, '.js'))) entry = entry.replace(/\.cjs$/, '.js');
        return await loadModuleFile(entry);
      } catch (e) {
        throw new PluginError(`${name}: cannot load its main entry: ${(e as Error).message}`, { plugin: name }, { cause: e });
      }
    },
  };
}

/** Imports a plugin module given by path (from a config file). */
export async function loadPluginFile(path: string): Promise<Record<string, unknown>> {
  try {
    return await loadModuleFile(path);
  } catch (e) {
    throw new PluginError(`${path}: cannot load plugin module: ${(e as Error).message}`, { plugin: path }, { cause: e });
  }
}
