import type { Random } from '../random/Random';

/** Progress of a long explanation: `done` of `total` units in `stage`. */
export interface Progress {
  stage: string;
  done: number;
  total: number;
  message?: string;
}

/**
 * What an explainer's `run` gets besides its inputs: cancellation, progress, randomness, the
 * backend, and the memory it may use for one batched chunk of work.
 */
export interface ExplainContext {
  readonly signal: AbortSignal;
  /** Report progress; throttle-free, so call it per chunk, not per element. */
  progress(p: Progress): void;
  /** Throws `AbortedError` when the signal has fired. Call between chunks; release tensors first. */
  throwIfAborted(): void;
  readonly random: Random;
  /** Name of the active tfjs backend. */
  readonly backend: string;
  /**
   * Bytes one chunk of batched work may allocate (default: half the memory available in Node,
   * 512 MiB in browsers, or the backend's smaller preferred budget, 256 MiB on CPU backends; see
   * `ExplainCall.memoryBudgetBytes`). Size chunks with `planChunks`.
   */
  readonly memoryBudgetBytes: number;
}
