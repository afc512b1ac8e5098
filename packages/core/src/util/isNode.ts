/**
 * True in Node.js; a browser page or worker is not Node, even with a `process` polyfill. The one
 * runtime check of Glassbox (backends and core use it to pick Node-only paths).
 *
 * @example
 * ```ts
 * const paths = isNode() ? await locateWasmFiles() : undefined;
 * ```
 */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}
