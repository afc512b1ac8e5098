import * as tf from '@tensorflow/tfjs-core';

/**
 * Peak bytes of live tensors while `run` runs, above those live before (via `tf.profile`; inside a
 * caller's `tf.profile`, read off theirs). Lets a method measure its first chunk and keep the result.
 *
 * @example
 * ```ts
 * let first: tf.Tensor | undefined;
 * const bytes = await peakBytes(() => { first = tf.tidy(() => work(1)); });
 * ```
 */
export async function peakBytes(run: () => void): Promise<number> {
  const start = tf.memory().numBytes;
  const state = tf.engine().state;
  let snapshots: number[];
  if (state.profiling) {
    // Inside a caller's tf.profile: a nested profile would reset theirs, so read our kernels off it.
    const before = state.activeProfile.kernels.length;
    run();
    snapshots = state.activeProfile.kernels.slice(before).map((k) => k.totalBytesSnapshot);
  } else {
    try {
      snapshots = (await tf.profile(run)).kernels.map((k) => k.totalBytesSnapshot);
    } finally {
      // tf.profile leaves profiling on when `run` throws; every later kernel would be recorded.
      state.profiling = false;
    }
  }
  return snapshots.length ? Math.max(0, Math.max(...snapshots) - start) : 0;
}

/**
 * Measures the memory one work item of a batched computation needs, by running `work` on one and
 * on two items and taking the engine's peak bytes of live tensors (`tf.profile`). `perItem` is the
 * marginal cost of one more item (activations, gradients), `fixed` what the work needs regardless
 * of the item count (transposed weights and other per-call constants). `work` must release
 * everything it allocates (run it inside `tf.tidy`). Safe to call inside a caller's `tf.profile`.
 *
 * @example
 * ```ts
 * const { perItem, fixed } = await measureItemBytes((m) => tf.dispose(tf.tidy(() => grads(tile(x0, m)))));
 * const { chunkSize } = planChunks(total, perItem, budget - fixed);
 * ```
 */
export async function measureItemBytes(work: (items: number) => void): Promise<{ perItem: number; fixed: number }> {
  const one = await peakBytes(() => work(1));
  const two = await peakBytes(() => work(2));
  const perItem = Math.max(1, two - one);
  return { perItem, fixed: Math.max(0, one - perItem) };
}
