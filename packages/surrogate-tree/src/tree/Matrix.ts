import { InvalidInputError } from '@glassbox/core';

/**
 * A table of numbers, one row per sample and one column per feature: nested arrays, or flat
 * row-major values with a `[rows, cols]` shape (a {@link CsvTable} and core's `{ values, shape }`
 * input both qualify).
 *
 * @example
 * ```ts
 * const a: Matrix = [[1, 2], [3, 4]];
 * const b: Matrix = { values: new Float32Array([1, 2, 3, 4]), shape: [2, 2] };
 * ```
 */
export type Matrix = readonly (readonly number[])[] | { values: ArrayLike<number>; shape: readonly number[] };

/** A validated matrix as float32 row-major values. */
export interface DenseMatrix {
  values: Float32Array;
  rows: number;
  cols: number;
}

/**
 * Validates `x` and returns it as float32 row-major values (no copy when it already is). Features
 * are float32 throughout, as in tensors, so thresholds compare exactly with tensor data.
 * Throws `InvalidInputError` naming the first ragged row or non-finite cell.
 */
export function toDense(x: Matrix, what = 'X'): DenseMatrix {
  let values: Float32Array;
  let rows: number;
  let cols: number;
  if (Array.isArray(x)) {
    rows = x.length;
    cols = rows > 0 ? (x[0] as readonly number[]).length : 0;
    values = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = x[i] as readonly number[];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new InvalidInputError(`${what} row ${i} has ${Array.isArray(row) ? row.length : 'no'} columns; expected ${cols} (like row 0)`, {
          row: i,
          expected: cols,
          received: Array.isArray(row) ? row.length : typeof row,
        });
      }
      for (let j = 0; j < cols; j++) values[i * cols + j] = row[j];
    }
  } else {
    const m = x as { values: ArrayLike<number>; shape: readonly number[] };
    if (!m || !m.values || !Array.isArray(m.shape) || m.shape.length !== 2) {
      throw new InvalidInputError(`${what} must be nested rows or { values, shape: [rows, cols] }`, { received: m?.shape });
    }
    [rows, cols] = m.shape as [number, number];
    if (m.values.length !== rows * cols) {
      throw new InvalidInputError(`${what} has ${m.values.length} values; shape [${rows}, ${cols}] needs ${rows * cols}`, {
        expected: rows * cols,
        received: m.values.length,
      });
    }
    values = m.values instanceof Float32Array ? m.values : Float32Array.from(m.values);
  }
  if (rows === 0 || cols === 0) throw new InvalidInputError(`${what} is empty (${rows} rows × ${cols} columns); expected at least one of each`, { rows, cols });
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) {
      throw new InvalidInputError(`${what} has ${values[k]} at row ${Math.floor(k / cols)}, column ${k % cols}; expected finite numbers`, {
        row: Math.floor(k / cols),
        column: k % cols,
      });
    }
  }
  return { values, rows, cols };
}
