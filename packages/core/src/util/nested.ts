import { InvalidInputError } from '../errors/InvalidInputError';
import { formatShape } from './shape';

/** Nested arrays (row-major) from flat values and a shape. */
export function nest(values: ArrayLike<number>, shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  const build = (offset: number, dim: number): unknown => {
    const n = shape[dim];
    if (dim === shape.length - 1) return Array.from({ length: n }, (_, i) => values[offset + i]);
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(offset + i * stride, dim + 1));
  };
  return build(0, 0);
}

/** Most dimensions a nested array may have (deeper nesting is refused before any recursion). */
export const MAX_NESTED_DIMS = 32;

/** The shape of a rectangular nested number array; throws InvalidInputError when ragged or non-numeric, or nested deeper than {@link MAX_NESTED_DIMS}. */
export function shapeOfNested(value: unknown, what = 'input'): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    if (shape.length === MAX_NESTED_DIMS) {
      throw new InvalidInputError(`${what} is nested more than ${MAX_NESTED_DIMS} arrays deep; the limit on dimensions is ${MAX_NESTED_DIMS}`, { limit: MAX_NESTED_DIMS });
    }
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  const check = (x: unknown, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof x !== 'number') {
        throw new InvalidInputError(`${what}${path} is ${JSON.stringify(x)}; expected a number`, { path });
      }
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new InvalidInputError(
        `${what}${path} is not rectangular: expected ${shape[dim]} elements along dimension ${dim} (shape ${formatShape(shape)})`,
        { path, expectedShape: shape },
      );
    }
    for (let i = 0; i < x.length; i++) check(x[i], dim + 1, `${path}[${i}]`);
  };
  check(value, 0, '');
  return shape;
}

/** Flat Float32Array from nested arrays (validated against `shape` when given). */
export function flatten(value: unknown, shape?: readonly number[], what = 'input'): Float32Array {
  if (value instanceof Float32Array) return value;
  const actual = shapeOfNested(value, what);
  if (shape && (actual.length !== shape.length || actual.some((d, i) => d !== shape[i]))) {
    throw new InvalidInputError(`${what} has shape ${formatShape(actual)}; expected ${formatShape(shape)}`, {
      expected: shape,
      received: actual,
    });
  }
  return Float32Array.from((value as unknown[]).flat(Infinity) as number[]);
}
