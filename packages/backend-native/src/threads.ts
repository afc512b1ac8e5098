import { InvalidOptionError } from '@glassbox/core';
import { loadedAddon } from './addon/loadAddon';
import { threadSettings } from './threadSettings';

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
  threadSettings().threads = threads;
  loadedAddon()?.setThreads(threads);
}
