/** The three binaries of `@tensorflow/tfjs-backend-wasm`; tfjs picks one at run time. */
export const WASM_FILE_NAMES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** One of {@link WASM_FILE_NAMES}. */
export type WasmFileName = (typeof WASM_FILE_NAMES)[number];

/**
 * Where the `.wasm` binaries are: a folder prefix (URL or, in Node, a path) ending in `/`, or one
 * URL per file.
 */
export type WasmPaths = string | Record<WasmFileName, string>;

import { InvalidOptionError } from '@glassbox/core';

const KEY = Symbol.for('glassbox.wasmPaths');
type Slot = { paths?: WasmPaths };
const slot: Slot = ((globalThis as Record<symbol, unknown>)[KEY] as Slot | undefined) ?? {};
(globalThis as Record<symbol, unknown>)[KEY] = slot;

/**
 * Tells the wasm backend where a bundler put the `.wasm` files, before the backend first
 * initialises (`useBackend('wasm')`). Node needs no call: the files are found in the installed
 * `@tensorflow/tfjs-backend-wasm` package. Without a call in a browser, tfjs looks next to the
 * bundled script.
 *
 * @example
 * ```ts
 * // Vite: let the bundler fingerprint and serve each file.
 * import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
 * import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
 * import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
 * wasmPaths({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded });
 *
 * // Or copy node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm to /static/tfjs/:
 * wasmPaths('/static/tfjs/');
 * ```
 */
export function wasmPaths(paths: WasmPaths): void {
  if (typeof paths !== 'string' && (typeof paths !== 'object' || paths === null)) {
    throw new InvalidOptionError(`wasmPaths: expected a folder prefix or a map of file URLs, got ${paths === null ? 'null' : typeof paths}`, { option: 'wasmPaths' });
  }
  if (typeof paths === 'string') {
    if (paths.length === 0) throw new InvalidOptionError('wasmPaths: expected a non-empty folder prefix such as "/static/tfjs/"', { option: 'wasmPaths' });
  } else {
    const missing = WASM_FILE_NAMES.filter((f) => typeof paths[f] !== 'string' || paths[f].length === 0);
    if (missing.length) {
      throw new InvalidOptionError(`wasmPaths: expected a URL for each of ${WASM_FILE_NAMES.join(', ')}; missing ${missing.join(', ')}`, { option: 'wasmPaths', missing });
    }
  }
  slot.paths = paths;
}

/** The paths set with {@link wasmPaths}, if any. */
export function configuredWasmPaths(): WasmPaths | undefined {
  return slot.paths;
}
