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
 * True when it runs on `name`; when the backend is unavailable (not built, or failing to start)
 * `onUnavailable` hears why (by default, "<name>: unavailable (<first line>)" is logged) and the
 * answer is false.
 */
export async function switchBenchBackend(
  name: string,
  core: BackendRegistry,
  onUnavailable: (e: Error) => void = (e) => console.log(`${name}: unavailable (${e.message.split('\n')[0]})`),
): Promise<boolean> {
  try {
    if (name !== 'cpu' && !core.listBackends().some((b) => b.name === name)) {
      const entry = `${root}packages/backend-${name}/dist/register.js`;
      if (existsSync(entry)) await import(pathToFileURL(entry).href);
    }
    await core.useBackend(name);
    return true;
  } catch (e) {
    onUnavailable(e as Error);
    return false;
  }
}
