import type { Progress } from '../explainer/ExplainContext';

/**
 * A compute backend Glassbox can switch to. Providers register by name and priority and are
 * initialised lazily, the first time {@link useBackend} selects them.
 *
 * @example
 * ```ts
 * registerBackend({
 *   name: 'wasm', priority: 20,
 *   async init() { await import('@tensorflow/tfjs-backend-wasm'); },
 * });
 * await useBackend('wasm', { fallback: ['cpu'] });
 * ```
 */
export interface BackendProvider {
  /** Glassbox name, as in `useBackend(name)` and `--backend`. */
  readonly name: string;
  /** Higher is preferred by `useBackend('auto')`. */
  readonly priority: number;
  /** The tfjs backend name it registers (defaults to `name`). */
  readonly tfjsName?: string;
  readonly description?: string;
  /**
   * Registers the tfjs backend and prepares it (load wasm, request a GPU adapter). Throw a
   * GlassboxError (or any Error) whose message says why the backend is unavailable.
   */
  init(): Promise<void>;
  /**
   * Bytes this backend can still allocate, when that is less than the machine's memory (a wasm32
   * heap stops at 4 GiB; a GPU has its own memory). Explanations on it cap their memory budget at
   * `MEMORY_BUDGET_FRACTION` of this, given or default, so that a chunk sized for the machine
   * cannot overrun the backend (tfjs's wasm backend does not check a failed allocation).
   * `undefined`: bounded only by the machine.
   */
  memoryLimitBytes?(): number | undefined;
  /**
   * The budget explanations on this backend get when the caller gives none, when it is below the
   * machine-sized default. CPU backends compute an example at a time at full speed: chunks beyond a
   * few hundred MiB bring no speed, only fresh memory to fault in and caches to miss (on MobileNetV2
   * saliency, 8 photos, native: 0.46 s with 256 MiB against 0.53–1.07 s with 2 GiB).
   */
  readonly preferredMemoryBudgetBytes?: number | undefined;
  /**
   * True when one explanation's kernels already run on every core (a native thread pool). Work
   * spread over threads of one process then only competes for the same cores: a dataset run uses
   * one worker by default (MobileNetV2 saliency on 32 photos, 2 cores, native: 3.9 s with one
   * worker, 7.2 s with two).
   */
  readonly usesAllCores?: boolean | undefined;
  /**
   * Optional warm-up after the first `tf.setBackend` (compile shaders), so that the first
   * explanation is not mistaken for a hang. Called once per provider, with progress.
   */
  warmup?(onProgress?: (p: Progress) => void): Promise<void>;
}
