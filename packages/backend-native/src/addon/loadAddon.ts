import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NativeAddon } from './NativeAddon';
import { packageRoot } from './packageRoot';
import { requestedThreads } from '../threadSettings';

/** Where the addon is, relative to the package root. */
export const ADDON_PATH = 'build/Release/glassbox_native.node';
/** Written by scripts/build-addon.cjs when the build fails. */
export const WHY_FILE = 'build/why-unavailable.txt';

interface LoadState {
  addon?: NativeAddon;
  error?: Error;
  path?: string;
}

const STATE_KEY = Symbol.for('glassbox.backendNative.addon');
const state: LoadState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] as LoadState | undefined) ?? {};
(globalThis as Record<symbol, unknown>)[STATE_KEY] = state;

/**
 * Loads the addon from a package folder. Throws an Error saying why it is unavailable: not built
 * (with the reason the install script recorded), or the load error.
 */
export function loadAddonFrom(root: string): NativeAddon {
  const path = join(root, ADDON_PATH);
  if (!existsSync(path)) {
    const why = join(root, WHY_FILE);
    const reason = existsSync(why)
      ? readFileSync(why, 'utf8').trim().split('\n').slice(0, 6).join(' | ')
      : `${path} is missing (the install script did not build it; run \`node scripts/build-addon.cjs\` in ${root})`;
    throw new Error(`native addon not built: ${reason}`);
  }
  try {
    return createRequire(join(root, 'package.json'))(path) as NativeAddon;
  } catch (e) {
    throw new Error(`native addon failed to load from ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * Loads this package's addon once, with the requested thread count (later calls return it, or throw
 * the first error again).
 */
export function loadAddon(): NativeAddon {
  if (state.addon) return state.addon;
  if (state.error) throw state.error;
  try {
    const root = packageRoot();
    state.path = join(root, ADDON_PATH);
    const addon = loadAddonFrom(root);
    addon.setThreads(requestedThreads());
    state.addon = addon;
    return addon;
  } catch (e) {
    state.error = e instanceof Error ? e : new Error(String(e));
    throw state.error;
  }
}

/** The addon if it is loaded, else undefined (never loads). */
export function loadedAddon(): NativeAddon | undefined {
  return state.addon;
}

/** Path the addon was (or would be) loaded from, once a load was tried. */
export function addonPath(): string | undefined {
  return state.path;
}

/** The load error, once a load failed. */
export function addonError(): Error | undefined {
  return state.error;
}
