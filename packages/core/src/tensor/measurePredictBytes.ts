import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model/Model';
import { sizeOf } from '../util/shape';
import { measureItemBytes } from './measureItemBytes';

/** Bytes per example assumed for models whose forward pass cannot be measured (black boxes): 16 × input and output. */
const BLACK_BOX_HEADROOM = 16;

/**
 * The memory one example needs in the model's forward pass, intermediate tensors included, for
 * sizing chunks of inference (`planChunks(rows, perItem, budget - fixed)`). Measured with
 * {@link measureItemBytes} on one and two copies of `example` (default: zeros) when the model has a
 * differentiable `forward` built from tfjs ops; for black-box models, which tfjs cannot see into,
 * 16 times the example's input and output bytes. A model that repeats its input two million times
 * is measured as such, not guessed from its input size.
 *
 * @example
 * ```ts
 * const { perItem, fixed } = await measurePredictBytes(model, firstRow);
 * const { chunkSize } = planChunks(rows, perItem, context.memoryBudgetBytes - fixed);
 * ```
 */
export async function measurePredictBytes(model: Model, example?: ArrayLike<number>): Promise<{ perItem: number; fixed: number }> {
  const per = sizeOf(model.inputShape);
  const io = 4 * (per + sizeOf(model.outputShape));
  if (!model.forward) return { perItem: io * BLACK_BOX_HEADROOM, fixed: 0 };
  const forward = model.forward;
  const x0 = example ? tf.tensor(Float32Array.from({ length: per }, (_, i) => example[i]!), [1, ...model.inputShape]) : tf.zeros([1, ...model.inputShape]);
  try {
    const ones = model.inputShape.map(() => 1);
    const { perItem, fixed } = await measureItemBytes((m) => tf.dispose(tf.tidy(() => forward(tf.tile(x0, [m, ...ones])))));
    return { perItem: Math.max(perItem, io), fixed };
  } finally {
    x0.dispose();
  }
}
