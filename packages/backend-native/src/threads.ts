import { availableParallelism, cpus } from 'node:os';
import { InvalidOptionError } from '@glassbox/core';
import { loadedAddon } from './addon/loadAddon';

const KEY = Symbol.for('glassbox.backendNative.threads');
const store = ((globalThis as Record<symbol, unknown>)[KEY] as { threads?: number } | undefined) ?? {};
(globalThis as Record<symbol, unknown>)[KEY] = store;

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
  return store.threads ?? defaultThreads();
}

/**
 * Sets how many threads the native kernels use (the calling thread included). Applies at once when
 * the addon is loaded, else when the backend initialises.
 *
 * @example
 * ```ts
 * import { setNativeThreads } from '@glassbox/backend-native';
 * setNativeThreads(4);
 * ```
 */
export function setNativeThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new InvalidOptionError('threads must be an integer from 1 to 1024', { option: 'threads', received: threads });
  }
  store.threads = threads;
  loadedAddon()?.setThreads(threads);
}
