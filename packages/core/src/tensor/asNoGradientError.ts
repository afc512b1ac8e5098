import * as tf from '@tensorflow/tfjs-core';
import { NoGradientError } from '../errors/NoGradientError';

/** Methods that only call the model (no gradients), suggested when a gradient is missing. */
export const GRADIENT_FREE_METHODS = ['occlusion', 'surrogate-tree', 'surrogate-tree-local'] as const;

const MISSING = /gradient function not found for (\S+?)\.?$/m;

interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: tf.Tensor[] }[] | null;
}

/**
 * Turns tfjs's "gradient function not found for OP" failure into a {@link NoGradientError} that
 * names the op and suggests methods that need no gradients; any other error is returned as is.
 *
 * tfjs leaves the failed call's tape behind (the tensors it kept for the backward pass); this
 * releases them, so a failed gradient leaks nothing. Call it in the `catch` right after the
 * failing `tf.grad`, before any other gradient is taken.
 *
 * @example
 * ```ts
 * try { g = tf.grad(f)(x); } catch (e) { throw asNoGradientError(e); }
 * ```
 */
export function asNoGradientError(e: unknown): unknown {
  const match = e instanceof Error && !(e instanceof NoGradientError) ? MISSING.exec(e.message) : null;
  if (!match) return e;
  const state = tf.engine().state as unknown as TapeState;
  if (state.gradientDepth === 0 && state.activeTape) {
    for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
    state.activeTape = null;
  }
  const op = match[1];
  return new NoGradientError(
    `The model uses the operation "${op}", which TensorFlow.js cannot differentiate, so gradient methods cannot explain it; ` +
      `use a method that needs no gradients instead: ${GRADIENT_FREE_METHODS.join(', ')} (or another perturbation method)`,
    { op, suggested: [...GRADIENT_FREE_METHODS] },
    { cause: e },
  );
}
