import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Registers backend `name` from its package's built dist (`packages/backend-<name>/dist/register.js`)
 * when it is not among `registered` (the names `listBackends()` gives) and is not the built-in cpu.
 * A backend that is not built stays unregistered: the benchmark's `useBackend` then reports it.
 */
export async function registerBuiltBackend(name: string, registered: readonly string[]): Promise<void> {
  if (name === 'cpu' || registered.includes(name)) return;
  const entry = `${root}packages/backend-${name}/dist/register.js`;
  if (existsSync(entry)) await import(pathToFileURL(entry).href);
}
