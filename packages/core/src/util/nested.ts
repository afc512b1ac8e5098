import { InvalidInputError } from '../errors/InvalidInputError';
import { formatShape } from './shape';

/** Nested arrays (row-major) from flat values and a shape. */
export function nest(values: ArrayLike<number>, shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const last = shape.length - 1;
  // Plain loops into pre-sized arrays: this runs over every value of every explanation written.
  const build = (offset: number, dim: number): unknown[] => {
    const n = shape[dim]!; // dim <= last
    const out = new Array<unknown>(n);
    if (dim === last) for (let i = 0; i < n; i++) out[i] = values[offset + i];
    else for (let i = 0; i < n; i++) out[i] = build(offset + i * strides[dim]!, dim + 1);
    return out;
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
  // Index paths are built only for the error message (not per element: that made gigabytes of garbage).
  const fail = (at: number[], dim: number, x: unknown): never => {
    const path = at.slice(0, dim).map((i) => `[${i}]`).join('');
    if (dim === shape.length) throw new InvalidInputError(`${what}${path} is ${JSON.stringify(x)}; expected a number`, { path });
    throw new InvalidInputError(
      `${what}${path} is not rectangular: expected ${shape[dim]} elements along dimension ${dim} (shape ${formatShape(shape)})`,
      { path, expectedShape: shape },
    );
  };
  const at: number[] = [];
  const check = (x: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (typeof x !== 'number') fail(at, dim, x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) fail(at, dim, x);
    const list = x as unknown[];
    if (dim === shape.length - 1) {
      for (let i = 0; i < list.length; i++) {
        if (typeof list[i] !== 'number') {
          at[dim] = i;
          fail(at, dim + 1, list[i]);
        }
      }
      return;
    }
    for (let i = 0; i < list.length; i++) {
      at[dim] = i;
      check(list[i], dim + 1);
    }
  };
  check(value, 0);
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
  const out = new Float32Array(actual.reduce((a, b) => a * b, 1));
  let k = 0;
  const write = (x: unknown[], dim: number): void => {
    if (dim === actual.length - 1) for (let i = 0; i < x.length; i++) out[k++] = x[i] as number;
    else for (let i = 0; i < x.length; i++) write(x[i] as unknown[], dim + 1);
  };
  if (actual.length === 0) out[0] = value as number;
  else write(value as unknown[], 0);
  return out;
}
