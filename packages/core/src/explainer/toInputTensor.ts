import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError } from '../errors/InvalidInputError';
import { flatten, shapeOfNested } from '../util/nested';
import { formatShape, sizeOf } from '../util/shape';
import type { ExplainInput } from './Explainer';

/**
 * Validates an input batch against a model's per-example shape and returns a tensor
 * (`owned` tells whether the caller must dispose it). Refuses wrong ranks, wrong sizes, empty
 * batches and NaN/Infinity, naming the first bad element.
 */
export async function toInputTensor(input: ExplainInput, inputShape: readonly number[]): Promise<{ tensor: tf.Tensor; owned: boolean }> {
  let shape: number[];
  let values: Float32Array | undefined;
  let tensor: tf.Tensor | undefined;
  if (input instanceof tf.Tensor) {
    tensor = input;
    shape = input.shape;
  } else if (input && typeof input === 'object' && 'values' in input && 'shape' in input && !Array.isArray(input)) {
    values = input.values;
    shape = [...input.shape];
    if (!(values instanceof Float32Array) || values.length !== sizeOf(shape)) {
      throw new InvalidInputError(`Input values (${values?.length}) do not fill shape ${formatShape(shape)}`, { shape });
    }
  } else {
    shape = shapeOfNested(input, 'input');
    values = flatten(input, shape);
  }
  const expected = [-1, ...inputShape];
  const matches = shape.length === expected.length && shape.every((d, i) => expected[i]! < 0 || d === expected[i]) // same length as shape;
  if (!matches) {
    const hint = shape.length === inputShape.length ? ' (a single example needs a batch dimension: wrap it in an array)' : '';
    throw new InvalidInputError(`Input has shape ${formatShape(shape)}; expected ${formatShape(expected)} (batch first, channels last)${hint}`, {
      expected,
      received: shape,
    });
  }
  if (shape[0] === 0) throw new InvalidInputError('Input batch is empty; expected at least one example', { received: shape });
  const data = values ?? ((await tensor!.data()) as Float32Array);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const per = sizeOf(shape.slice(1));
      throw new InvalidInputError(
        `Input contains ${Number.isNaN(data[i]) ? 'NaN' : 'Infinity'} at example ${Math.floor(i / per)}, element ${i % per}; expected finite numbers`,
        { example: Math.floor(i / per), element: i % per, reason: 'non-finite' },
      );
    }
  }
  if (tensor) return { tensor, owned: false };
  return { tensor: tf.tensor(values!, shape, 'float32'), owned: true };
}
