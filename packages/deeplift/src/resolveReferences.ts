import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError, formatShape, type TensorValue } from '@glassbox/core';

/**
 * The reference (baseline) of each example as a `[n, ...inputShape]` tensor: zeros when not given,
 * else a constant (shape `[]`), one reference for all (`inputShape`) or one per example
 * (`[n, ...inputShape]`). Any other shape is an `INVALID_OPTION` error naming the accepted ones.
 */
export function resolveReferences(baseline: TensorValue | undefined, inputs: tf.Tensor, option = 'baseline'): tf.Tensor {
  const [n, ...shape] = inputs.shape;
  if (!baseline) return tf.zerosLike(inputs);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  if (baseline.shape.length === 0) return tf.fill(inputs.shape, baseline.values[0]!);
  if (same(baseline.shape, shape)) return tf.tidy(() => tf.tile(tf.expandDims(tf.tensor(baseline.values, baseline.shape, 'float32'), 0), [n!, ...shape.map(() => 1)]));
  if (same(baseline.shape, inputs.shape)) return tf.tensor(baseline.values, baseline.shape, 'float32');
  throw new InvalidOptionError(
    `Option "${option}" has shape ${formatShape(baseline.shape)}; expected a number, one input ${formatShape(shape)} or one per example ${formatShape(inputs.shape)}`,
    { option, shape: baseline.shape, inputShape: shape },
  );
}
