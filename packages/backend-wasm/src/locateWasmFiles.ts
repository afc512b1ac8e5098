import { importAtRuntime, isNode } from '@glassbox/core';
import { WASM_FILE_NAMES } from './wasmPaths';

/**
 * In Node, the folder (with a trailing separator) that holds the installed
 * `@tensorflow/tfjs-backend-wasm` binaries, resolved from this package the way `require` would;
 * `undefined` outside Node. Throws when the package resolves but a binary is missing.
 *
 * @example
 * ```ts
 * const dir = await locateWasmFiles(); // …/node_modules/@tensorflow/tfjs-backend-wasm/dist/
 * ```
 */
export async function locateWasmFiles(): Promise<string | undefined> {
  if (!isNode()) return undefined;
  const { createRequire } = await importAtRuntime<typeof import('node:module')>('node:module');
  const path = await importAtRuntime<typeof import('node:path')>('node:path');
  const fs = await importAtRuntime<typeof import('node:fs')>('node:fs');
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  } catch (e) {
    throw new Error(`cannot resolve @tensorflow/tfjs-backend-wasm from ${import.meta.url} (is it installed?): ${(e as Error).message}`);
  }
  const dir = path.join(path.dirname(manifest), 'dist') + path.sep;
  const missing = WASM_FILE_NAMES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw new Error(`@tensorflow/tfjs-backend-wasm in ${dir} lacks ${missing.join(', ')}; reinstall it`);
  return dir;
}
