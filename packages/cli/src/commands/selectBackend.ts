import { BackendUnavailableError, InvalidOptionError, listBackends, registerBackend, useBackend, type BackendSelection } from '@glassbox/core';
import type { InstalledBackend } from '../plugins/discoverPlugins';
import type { Io } from '../io/Io';

const BACKEND_NAME = /^(auto|[a-z][a-z0-9-]*)$/;

/**
 * Activates `--backend` (and `--fallback a,b`). A backend that is not registered yet is registered
 * from the plugin that declares it (`"glassbox": { "backends": { "wasm": "wasmBackend" } }`);
 * there is no other way in. Says so when a fallback took over.
 */
export async function selectBackend(io: Io, name: string | undefined, fallback: string | undefined, installed: readonly InstalledBackend[] = []): Promise<BackendSelection> {
  const order = [name ?? 'cpu', ...(fallback !== undefined ? fallback.split(',').map((s) => s.trim()) : [])];
  for (const b of order) {
    if (!BACKEND_NAME.test(b)) throw new InvalidOptionError(`Backend name ${JSON.stringify(b.slice(0, 40))}: expected a name such as cpu, wasm or native (glassbox backends lists them)`, { backend: b.slice(0, 40) });
  }
  for (const b of order) {
    if (listBackends().some((p) => p.name === b)) continue;
    const plugin = installed.find((p) => p.name === b);
    if (!plugin) continue; // useBackend reports it as not registered
    try {
      const provider = await plugin.load();
      if (provider.name !== b) throw new Error(`its factory makes a backend named "${provider.name}"`);
      registerBackend(provider);
    } catch (e) {
      if (order.length === 1) throw new BackendUnavailableError([{ backend: b, reason: `plugin ${plugin.packageName} failed: ${(e as Error).message}` }]);
    }
  }
  const [first, ...fallbacks] = order;
  if (first === undefined) throw new InvalidOptionError('No backend to select: --backend and --fallback name none', { flag: 'backend' });
  const sel = await useBackend(first, { fallback: fallbacks });
  if (sel.fellBack) io.err(`note: using backend ${sel.name}; ${sel.failures.map((f) => `${f.backend} unavailable (${f.reason})`).join('; ')}`);
  return sel;
}
