import { listBackends, useBackend, type BackendSelection } from '@glassbox/core';
import type { Io } from '../io/Io';

/**
 * Activates `--backend` (and `--fallback a,b`), importing `@glassbox/backend-<name>/register`
 * when that backend is not registered yet. Says so when a fallback took over.
 */
export async function selectBackend(io: Io, name: string | undefined, fallback: string | undefined): Promise<BackendSelection> {
  const order = [name ?? 'cpu', ...(fallback ? fallback.split(',').map((s) => s.trim()).filter(Boolean) : [])];
  for (const b of order) {
    if (listBackends().some((p) => p.name === b)) continue;
    try {
      await import(`@glassbox/backend-${b}/register`);
    } catch {
      /* useBackend reports it as not registered */
    }
  }
  const sel = await useBackend(order[0], { fallback: order.slice(1) });
  if (sel.fellBack) io.err(`note: using backend ${sel.name}; ${sel.failures.map((f) => `${f.backend} unavailable (${f.reason})`).join('; ')}`);
  return sel;
}
