import { availableParallelism, cpus } from 'node:os';

const KEY = Symbol.for('glassbox.backendNative.threads');

/** The process-wide thread request, shared by duplicated copies of this package. */
export function threadSettings(): { threads?: number } {
  const global = globalThis as Record<symbol, unknown>;
  return ((global[KEY] as { threads?: number } | undefined) ?? (global[KEY] = {})) as { threads?: number };
}

/** Cores available to this process (respects CPU affinity where Node can see it). */
export function defaultThreads(): number {
  try {
    return Math.max(1, availableParallelism());
  } catch {
    return Math.max(1, cpus().length);
  }
}

/** The thread count requested (or the default). */
export function requestedThreads(): number {
  return threadSettings().threads ?? defaultThreads();
}
