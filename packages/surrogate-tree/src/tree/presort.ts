/** Maps a float32 bit pattern to a uint32 whose unsigned order is the numeric order. */
const sortableKey = (bits: number): number => ((bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0);

/**
 * Stable argsort of each column: `order[f * n + i]` is the index of the i-th smallest value of
 * feature `f` and `sorted[f * n + i]` that value. An LSD radix sort on the float32 bit patterns
 * (3 passes of 11 bits): O(n) per feature, ties kept in index order, so the result is exactly
 * reproducible. `columns` are float32, finite.
 */
export function presort(columns: readonly Float32Array[], n: number): { order: Int32Array; sorted: Float32Array } {
  const p = columns.length;
  const order = new Int32Array(n * p);
  const sorted = new Float32Array(n * p);
  const keys = new Uint32Array(n);
  const keysTmp = new Uint32Array(n);
  const idx = new Int32Array(n);
  const idxTmp = new Int32Array(n);
  const counts = new Int32Array(2048);
  for (let f = 0; f < p; f++) {
    const col = columns[f]!;
    const bits = new Uint32Array(col.buffer, col.byteOffset, n);
    for (let i = 0; i < n; i++) {
      keys[i] = sortableKey(bits[i]!);
      idx[i] = i;
    }
    let src = keys, dst = keysTmp, si = idx, di = idxTmp;
    for (let shift = 0; shift < 33; shift += 11) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(src[i]! >>> shift) & 2047]!++;
      let sum = 0;
      for (let b = 0; b < 2048; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const k = src[i]!;
        const pos = counts[(k >>> shift) & 2047]!++;
        dst[pos] = k;
        di[pos] = si[i]!;
      }
      [src, dst] = [dst, src];
      [si, di] = [di, si];
    }
    // After the final swap, src/si hold the sorted keys and indices.
    const base = f * n;
    for (let i = 0; i < n; i++) {
      const j = si[i]!;
      order[base + i] = j;
      sorted[base + i] = col[j]!;
    }
  }
  return { order, sorted };
}
