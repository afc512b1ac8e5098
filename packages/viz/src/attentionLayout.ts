import { invalidInput } from './vizError';

/** A matrix as rows of numbers, or flat row-major values. */
export type MatrixInput = ArrayLike<number> | ArrayLike<number>[];

/** Flattens `matrix` to `rows × cols` values for `rowTokens × colTokens`, checking sizes. */
export function flattenMatrix(matrix: MatrixInput, rows: number, cols: number): Float64Array {
  const nested = matrix.length > 0 && typeof matrix[0] !== 'number';
  const out = new Float64Array(rows * cols);
  if (nested) {
    const m = matrix as ArrayLike<number>[];
    if (m.length !== rows || Array.from(m).some((r) => r.length !== cols)) {
      throw invalidInput(`Attention matrix must be ${rows}×${cols} for its tokens`, { rows, cols });
    }
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = m[r]![c]!;
  } else {
    if (matrix.length !== rows * cols) throw invalidInput(`Attention matrix has ${matrix.length} values; ${rows}×${cols} tokens need ${rows * cols}`);
    out.set(matrix as ArrayLike<number>);
  }
  return out;
}

/** Options shared by the attention-matrix renderers. */
export interface AttentionOptions {
  /** Key (column) tokens when they differ from the query (row) tokens. */
  columnTokens?: readonly string[] | undefined;
  /** Cell size in pixels (default 14). */
  cell?: number | undefined;
  /** Colour map (default viridis). */
  colormap?: 'viridis' | 'magma' | 'gray' | undefined;
  /** Percentile clipping (default 100: weights are already in [0, 1]). */
  clip?: number | undefined;
  /** Fixed `[min, max]` for the colours, e.g. `[0, 1]`. */
  range?: [number, number] | undefined;
  /** Legend under the matrix (default true). */
  legend?: boolean | undefined;
  /** Title above. */
  title?: string | undefined;
}
