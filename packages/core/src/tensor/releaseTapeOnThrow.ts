import * as tf from '@tensorflow/tfjs-core';

interface TapeState {
  activeTape: { saved?: tf.Tensor[] }[] | null;
}

/**
 * Runs `fn`, a forward pass that may be recorded for autodiff, and when it throws releases what
 * its kernels saved for the backward pass. tfjs keeps those tensors (clones) on the tape until a
 * backward pass runs, so a forward pass that throws inside `tf.grad` leaks them; its tape entries
 * cannot lead to any result (their outputs were tidied away), so they are dropped.
 *
 * @example
 * ```ts
 * const y = releaseTapeOnThrow(() => graph.execute(x) as tf.Tensor);
 * ```
 */
export function releaseTapeOnThrow<T>(fn: () => T): T {
  const state = tf.engine().state as unknown as TapeState;
  const start = state.activeTape?.length ?? 0;
  try {
    return fn();
  } catch (e) {
    const tape = state.activeTape;
    if (tape && tape.length > start) for (const node of tape.splice(start)) for (const t of node.saved ?? []) t.dispose();
    throw e;
  }
}
