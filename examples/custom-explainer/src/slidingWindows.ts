/**
 * The windows of an occlusion sweep over one example of shape `shape` (channels last), placed as
 * Captum's `Occlusion` places them: along each dimension, starts `0, s, 2s, …` up to the first
 * start at or past `size − window`, so the last window reaches the edge (it is cut off there when
 * the stride does not divide evenly). Every element is covered at least once.
 */
export interface SlidingWindows {
  /** Number of window positions. */
  readonly count: number;
  /** Window positions per dimension. */
  readonly shifts: readonly number[];
  /** How many windows cover each element (row-major over `shape`). */
  readonly coverage: Uint32Array;
  /** The flat element indices inside window `w` (0 ≤ w < count). */
  indices(w: number): Int32Array;
}

/**
 * Plans the windows. Throws a message (not a typed error; the caller wraps it with the option
 * name) when a window does not fit or a stride would skip elements.
 *
 * @example
 * ```ts
 * const w = slidingWindows([28, 28, 1], [4, 4, 1], [2, 2, 1]);
 * w.count; // 169 (13 × 13 positions)
 * ```
 */
export function slidingWindows(shape: readonly number[], window: readonly number[], stride: readonly number[]): SlidingWindows {
  const rank = shape.length;
  if (window.length !== rank || stride.length !== rank) throw new Error(`window [${window.join(', ')}] and stride [${stride.join(', ')}] need ${rank} sizes, one per dimension`);
  // From here on every per-dimension array has `rank` entries.
  const shifts = shape.map((size, k) => {
    const win = window[k]!, step = stride[k]!;
    if (win > size) throw new Error(`window ${win} is larger than dimension ${k} (size ${size})`);
    const room = size - win;
    if (room > 0 && step > win) {
      throw new Error(`stride ${step} is larger than window ${win} in dimension ${k}, so some elements would never be occluded`);
    }
    return Math.ceil(room / step) + 1;
  });
  const count = shifts.reduce((a, b) => a * b, 1);
  const strides = new Array<number>(rank);
  let acc = 1;
  for (let k = rank - 1; k >= 0; k--) {
    strides[k] = acc;
    acc *= shape[k]!;
  }
  const indices = (w: number): Int32Array => {
    // Window w's position along each dimension (last dimension fastest) and its clipped extent.
    const start = new Array<number>(rank);
    const extent = new Array<number>(rank);
    let rest = w;
    for (let k = rank - 1; k >= 0; k--) {
      start[k] = (rest % shifts[k]!) * stride[k]!;
      rest = Math.floor(rest / shifts[k]!);
      extent[k] = Math.min(window[k]!, shape[k]! - start[k]!);
    }
    const out = new Int32Array(extent.reduce((a, b) => a * b, 1));
    const pos = new Array<number>(rank).fill(0);
    for (let i = 0; i < out.length; i++) {
      let flat = 0;
      for (let k = 0; k < rank; k++) flat += (start[k]! + pos[k]!) * strides[k]!;
      out[i] = flat;
      for (let k = rank - 1; k >= 0; k--) {
        if (++pos[k]! < extent[k]!) break;
        pos[k] = 0;
      }
    }
    return out;
  };
  const coverage = new Uint32Array(acc);
  for (let w = 0; w < count; w++) for (const j of indices(w)) coverage[j]!++;
  return { count, shifts, coverage, indices };
}
