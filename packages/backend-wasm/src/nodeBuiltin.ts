/** True in Node.js (a browser page or worker is not Node, even with a `process` polyfill). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/**
 * Loads a Node built-in module (`node:fs`, `node:module` …) in a way browser bundlers do not try to
 * resolve: `process.getBuiltinModule` where Node has it (20.16+), else a dynamic import of a
 * computed specifier.
 */
export async function nodeBuiltin<T>(name: string): Promise<T> {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  const sync = p?.getBuiltinModule?.(name);
  if (sync) return sync as T;
  const specifier = name;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}
