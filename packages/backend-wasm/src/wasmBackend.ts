import * as tf from '@tensorflow/tfjs-core';
import { CPU_MEMORY_BUDGET, type BackendProvider } from '@glassbox/core';
import { installWasmKernels, restoreStockWasmKernels } from './kernels/installWasmKernels';
import { locateWasmFiles } from './locateWasmFiles';
import { isNode } from '@glassbox/core';
import { configuredWasmPaths, type WasmPaths } from './wasmPaths';
import { checkWasmBackend } from './checkWasmBackend';

/** Options of {@link wasmBackend}. */
export interface WasmBackendOptions {
  /** `useBackend('auto')` preference (default 20: above cpu, below native and webgpu). */
  priority?: number;
  /**
   * Where the `.wasm` binaries are. Default: what {@link wasmPaths} set; else, in Node, the
   * installed `@tensorflow/tfjs-backend-wasm` package; else (browser) next to the bundled script.
   */
  wasmPaths?: WasmPaths;
  /**
   * Threads of the threaded-SIMD binary. tfjs uses it only where `SharedArrayBuffer` works (a
   * browser page served with COOP/COEP headers; never in Node). Default: tfjs's choice, half of
   * `navigator.hardwareConcurrency`. tfjs caps any count at that half (at least 1, at most 8), so
   * a machine that reports 2 logical cores runs 1 thread; {@link wasmBackendInfo} says how many
   * run. `1` forces the single-threaded binary.
   */
  threads?: number;
  /** `false` forces the plain binary even where WebAssembly SIMD works (for comparisons). */
  simd?: boolean;
  /** `false` keeps tfjs's stock kernels instead of Glassbox's (for comparisons). Default true. */
  tunedKernels?: boolean;
}

/** What {@link wasmBackend} found when it initialised. */
export interface WasmBackendInfo {
  simd: boolean;
  /** True when the threaded binary was loaded (SharedArrayBuffer available: cross-origin isolated page). */
  threaded: boolean;
  /** Worker threads the backend uses (1 when not threaded). */
  threads: number;
  tunedKernels: boolean;
  /** Where the binaries were loaded from (`undefined`: tfjs's default, next to the script). */
  wasmPaths?: WasmPaths | undefined;
}

/** The most a wasm32 heap can grow to (tfjs's binaries allow growth to the full 4 GiB). */
export const WASM_HEAP_LIMIT = 4 * 1024 ** 3;

let lastInfo: WasmBackendInfo | undefined;

/** How the wasm backend was set up, once initialised (undefined before). */
export function wasmBackendInfo(): WasmBackendInfo | undefined {
  return lastInfo;
}

function describePaths(paths: WasmPaths | undefined): string {
  if (paths === undefined) return 'next to the bundled script (call wasmPaths() to point elsewhere)';
  return typeof paths === 'string' ? paths : JSON.stringify(paths);
}

/**
 * The tfjs WebAssembly backend as a Glassbox {@link BackendProvider} named `wasm`, with kernels
 * replaced where the stock ones are slow for gradient workloads (transposed matMuls, conv input
 * gradients, slices) or missing (depthwise and filter gradients, `UnsortedSegmentSum`). Loads
 * the SIMD binary where WebAssembly SIMD works, and the threaded one in cross-origin-isolated
 * pages.
 *
 * @example
 * ```ts
 * import { registerBackend, useBackend } from '@glassbox/core';
 * import { wasmBackend } from '@glassbox/backend-wasm';
 * registerBackend(wasmBackend());
 * const { name, failures } = await useBackend('wasm', { fallback: ['cpu'] });
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): BackendProvider {
  return {
    name: 'wasm',
    tfjsName: 'wasm',
    priority: options.priority ?? 20,
    description: 'WebAssembly (XNNPACK; SIMD; threads in cross-origin-isolated pages), gradient-tuned kernels',
    // A wasm32 heap ends at 4 GiB, whatever the machine has; what live tensors hold is taken.
    memoryLimitBytes: () => Math.max(0, WASM_HEAP_LIMIT - tf.memory().numBytes),
    preferredMemoryBudgetBytes: CPU_MEMORY_BUDGET,
    async init() {
      // The package registers these flags when it is first imported: set them after, before setBackend.
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.simd === false) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
      if (options.threads !== undefined && options.threads <= 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (options.tunedKernels === false) restoreStockWasmKernels();
      else installWasmKernels();
      const initialised = (tf.engine().registry as Record<string, unknown>).wasm !== undefined;
      let paths: WasmPaths | undefined;
      if (!initialised) {
        paths = options.wasmPaths ?? configuredWasmPaths() ?? (isNode() ? await locateWasmFiles() : undefined);
        if (paths !== undefined) wasm.setWasmPaths(paths as never);
        if (options.threads !== undefined && options.threads > 1) wasm.setThreadsCount(options.threads);
      }
      // Initialise here rather than leave it to setBackend: tfjs swallows the reason of a failure.
      if (!(await tf.setBackend('wasm'))) {
        throw new Error(`tfjs could not load its wasm binaries from ${describePaths(paths)}; serve ${isNode() ? 'them' : 'them over HTTP'} there or call wasmPaths()`);
      }
      lastInfo = {
        simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
        threaded: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
        threads: wasm.getThreadsCount(),
        tunedKernels: options.tunedKernels !== false,
        wasmPaths: paths,
      };
    },
    async warmup() {
      checkWasmBackend();
    },
  };
}
