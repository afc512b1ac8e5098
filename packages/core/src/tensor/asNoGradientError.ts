import * as tf from '@tensorflow/tfjs-core';
import { NoGradientError } from '../errors/NoGradientError';

/** Methods that only call the model (no gradients), suggested when a gradient is missing. */
export const GRADIENT_FREE_METHODS = ['occlusion', 'surrogate-tree', 'surrogate-tree-local', 'feature-ablation', 'kernel-shap', 'lime'] as const;

const MISSING = /gradient function not found for (\S+?)\.?$/m;
/**
 * tfjs's messages when no differentiable path leads from the input to the output: none at all, or
 * one through integers (a cast to int32 feeding a gather's indices).
 */
const DISCONNECTED = /^Cannot compute gradient of y=f\(x\) with respect to x|^Error in gradient for op \S+\. The gradient of input \S+ must have '\w+' dtype, but has '(?:int32|bool)'/;

interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: tf.Tensor[] }[] | null;
}

/**
 * Turns tfjs's "gradient function not found for OP" failure into a {@link NoGradientError} that
 * names the op and suggests methods that need no gradients, and its "Cannot compute gradient of
 * y=f(x) with respect to x" failure (no differentiable path from the input to the output, e.g.
 * integer token ids that index an embedding) into one with `details.reason: 'input'`; any other
 * error is returned as is.
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
  const disconnected = e instanceof Error && !(e instanceof NoGradientError) && DISCONNECTED.test(e.message);
  if (!match && !disconnected) return e;
  const state = tf.engine().state as unknown as TapeState;
  if (state.gradientDepth === 0 && state.activeTape) {
    for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
    state.activeTape = null;
  }
  if (!match) {
    return new NoGradientError(
      "The model's output does not depend differentiably on its input (for example integer token ids that index an embedding table), so gradient methods cannot attribute to the input; " +
        `use a method that needs no gradients (${GRADIENT_FREE_METHODS.join(', ')}) or, for transformer models, token-integrated-gradients (gradients at the token embeddings) or an attention method`,
      { reason: 'input', suggested: [...GRADIENT_FREE_METHODS] },
      { cause: e },
    );
  }
  const op = match[1];
  return new NoGradientError(
    `The model uses the operation "${op}", which TensorFlow.js cannot differentiate, so gradient methods cannot explain it; ` +
      `use a method that needs no gradients instead: ${GRADIENT_FREE_METHODS.join(', ')} (or another perturbation method)`,
    { op, suggested: [...GRADIENT_FREE_METHODS] },
    { cause: e },
  );
}
