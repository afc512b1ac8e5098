import type * as tf from '@tensorflow/tfjs-core';

/** The tensor a single-input layer gets from tfjs-layers: the input itself or the first of a list. */
export function firstInput(inputs: tf.Tensor | tf.Tensor[], layer: string): tf.Tensor {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x) throw new RangeError(`layer ${layer} was called with no input`);
  return x;
}
