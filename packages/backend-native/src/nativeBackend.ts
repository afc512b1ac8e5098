import { CPU_MEMORY_BUDGET, type BackendProvider } from '@glassbox/core';
import { loadAddon } from './addon/loadAddon';
import { NATIVE_TFJS_NAME, registerNativeKernels } from './registerNativeKernels';
import { setNativeThreads } from './threads';

/** Options of {@link nativeBackend}. */
export interface NativeBackendOptions {
  /** Threads for the native kernels (the calling thread included). Default: the cores available. */
  threads?: number;
}

/**
 * The native backend as a Glassbox {@link BackendProvider}: tfjs's CPU backend with its hot kernels
 * (matmul, elementwise, softmax, transpose, reductions, conv2d, pooling and their gradients) run by
 * a multi-threaded, vectorised N-API addon. `init()` loads the addon and throws, saying why, when it
 * was not built; `useBackend('native', { fallback: ['cpu'] })` then falls back.
 *
 * @example
 * ```ts
 * import { registerBackend, useBackend } from '@glassbox/core';
 * import { nativeBackend } from '@glassbox/backend-native';
 * registerBackend(nativeBackend({ threads: 2 }));
 * const { name, failures } = await useBackend('native', { fallback: ['cpu'] });
 * ```
 */
export function nativeBackend(options: NativeBackendOptions = {}): BackendProvider {
  if (options.threads !== undefined) setNativeThreads(options.threads);
  return {
    name: 'native',
    priority: 30,
    tfjsName: NATIVE_TFJS_NAME,
    description: 'native multi-threaded SIMD kernels (N-API addon)',
    preferredMemoryBudgetBytes: CPU_MEMORY_BUDGET,
    usesAllCores: true,
    async init() {
      loadAddon();
      registerNativeKernels();
    },
  };
}
