import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What this needs of @glassbox/core (passed in: the repository root does not depend on it). */
export interface BackendRegistry {
  listBackends(): readonly { name: string }[];
  useBackend(name: string): Promise<unknown>;
}

/**
 * Switches a benchmark to backend `name`, first registering it from its package's built dist
 * (`packages/backend-<name>/dist/register.js`) when nothing registered the name yet (cpu is built in).
 * Returns the error when the backend is unavailable (not built, or failing to start), else undefined.
 */
export async function switchBenchBackend(name: string, core: BackendRegistry): Promise<Error | undefined> {
  try {
    if (name !== 'cpu' && !core.listBackends().some((b) => b.name === name)) {
      const entry = `${root}packages/backend-${name}/dist/register.js`;
      if (existsSync(entry)) await import(pathToFileURL(entry).href);
    }
    await core.useBackend(name);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}
