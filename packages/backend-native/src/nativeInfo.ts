import { addonError, addonPath, loadAddon, loadedAddon } from './addon/loadAddon';
import { requestedThreads } from './threadSettings';

/** What {@link nativeInfo} reports. */
export interface NativeInfo {
  /** Whether the addon is loaded (or could be loaded now). */
  loaded: boolean;
  /** Why it is unavailable, when it is not loaded. */
  reason?: string | undefined;
  /** The instruction set the kernels dispatch to: 'avx512', 'avx2' or 'portable'. */
  isa?: string;
  /** The best instruction set this CPU supports. */
  detectedIsa?: string;
  /** Threads the kernels use (requested ones, when not loaded). */
  threads: number;
  /**
   * Whether the addon marked glibc's heap for transparent huge pages at load (glibc ≥ 2.33 on Linux,
   * unless `GLASSBOX_NATIVE_MALLOC=default`): new tensors then fault in 2 MiB at a time.
   */
  hugePageHeap?: boolean;
  /** Where the addon is (or would be) loaded from. */
  addonPath?: string | undefined;
}

/**
 * Loads the addon if it can and reports its state: chosen ISA, threads, or why it is unavailable.
 * Never throws.
 *
 * @example
 * ```ts
 * const info = nativeInfo();
 * console.log(info.loaded ? `native: ${info.isa}, ${info.threads} threads` : `no native backend: ${info.reason}`);
 * ```
 */
export function nativeInfo(): NativeInfo {
  try {
    loadAddon();
  } catch {
    // reported below
  }
  const addon = loadedAddon();
  if (!addon) return { loaded: false, reason: addonError()?.message, threads: requestedThreads(), addonPath: addonPath() };
  const { isa, detectedIsa, threads, hugePageHeap } = addon.info();
  return { loaded: true, isa, detectedIsa, threads, hugePageHeap, addonPath: addonPath() };
}
