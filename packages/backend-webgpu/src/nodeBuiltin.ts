/** True in Node.js (a browser page or worker is not Node, even with a `process` polyfill). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/**
 * Imports a module by a computed name, so that browser bundlers neither resolve nor bundle it
 * (Node built-ins, the Node-only `webgpu` package). Built-ins come from `process.getBuiltinModule`
 * where Node has it.
 */
export async function importAtRuntime<T>(name: string): Promise<T> {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  const builtin = name.startsWith('node:') ? p?.getBuiltinModule?.(name) : undefined;
  if (builtin) return builtin as T;
  const specifier = name;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}
