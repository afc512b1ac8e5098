import { InvalidOptionError } from '../errors/InvalidOptionError';
import { flatten, shapeOfNested } from '../util/nested';
import { sizeOf } from '../util/shape';

/**
 * The value of a `tensor` option ({@link OptionSpec}): plain, JSON-safe numbers with their shape
 * (row-major), e.g. a background set `[m, ...inputShape]`, a baseline or a feature mask.
 */
export interface TensorValue {
  values: number[];
  shape: number[];
}

/**
 * Parses a `tensor` option from code: a number (shape `[]`), a nested number array, or
 * `{ values, shape }` (values an array or a typed array). Values must be finite. A string is a file
 * path, which only an application can read (the CLI reads `tensor` options from JSON or CSV files
 * before the call): here it is refused with a message saying so.
 *
 * @example
 * ```ts
 * parseTensorOption('background', [[0, 1], [2, 3]]); // { values: [0, 1, 2, 3], shape: [2, 2] }
 * parseTensorOption('baseline', 0.5);                 // { values: [0.5], shape: [] }
 * ```
 */
export function parseTensorOption(name: string, value: unknown): TensorValue {
  const fail = (why: string): never => {
    throw new InvalidOptionError(`Option "${name}": ${why}`, { option: name });
  };
  let out: TensorValue;
  if (typeof value === 'number') out = { values: [value], shape: [] };
  else if (typeof value === 'string') return fail(`"${value}" looks like a file; read it first (the CLI reads .json and .csv files for tensor options) and pass its numbers`);
  else if (Array.isArray(value)) {
    try {
      const shape = shapeOfNested(value, name);
      out = { values: Array.from(flatten(value, shape, name)), shape };
    } catch (e) {
      return fail((e as Error).message);
    }
  } else if (value && typeof value === 'object' && 'values' in value && 'shape' in value) {
    const v = value as { values: unknown; shape: unknown };
    const shape = Array.isArray(v.shape) && v.shape.every((d) => Number.isInteger(d) && d >= 0) ? (v.shape as number[]) : fail('shape must be a list of non-negative integers');
    const values = Array.isArray(v.values) || ArrayBuffer.isView(v.values) ? Array.from(v.values as ArrayLike<number>) : fail('values must be an array');
    if (values.length !== sizeOf(shape)) fail(`${values.length} values do not fill shape [${shape.join(', ')}]`);
    out = { values: values.map(Number), shape: [...shape] };
  } else return fail(`expected a number, a nested number array or { values, shape }, got ${JSON.stringify(value)}`);
  const bad = out.values.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) fail(`element ${bad} is ${out.values[bad]}; expected finite numbers`);
  return out;
}
