/**
 * Imports a module by a computed name, so that browser bundlers neither resolve nor bundle it
 * (Node built-ins, Node-only packages). Built-ins come from `process.getBuiltinModule` where Node
 * has it (20.16+).
 *
 * @example
 * ```ts
 * const { readFile } = await importAtRuntime<typeof import('node:fs/promises')>('node:fs/promises');
 * ```
 */
export async function importAtRuntime<T>(name: string): Promise<T> {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  const builtin = name.startsWith('node:') ? p?.getBuiltinModule?.(name) : undefined;
  if (builtin) return builtin as T;
  const specifier = name;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}
