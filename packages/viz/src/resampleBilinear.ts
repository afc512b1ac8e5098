/** Per output index: the first input index and the normalised weights of the inputs it reads. */
function coefficients(inSize: number, outSize: number): { start: Int32Array; weights: Float64Array[] } {
  const scale = inSize / outSize;
  const spread = Math.max(1, scale);
  const start = new Int32Array(outSize);
  const weights: Float64Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - spread + 0.5));
    const hi = Math.min(inSize, Math.ceil(centre + spread + 0.5));
    const w = new Float64Array(Math.max(0, hi - lo));
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const t = 1 - Math.abs((i - centre + 0.5) / spread);
      w[i - lo] = t > 0 ? t : 0;
      sum += w[i - lo]!;
    }
    for (let k = 0; k < w.length; k++) w[k] = w[k]! / (sum || 1);
    start[o] = lo;
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Bilinear resampling of an interleaved `height × width × channels` array (half-pixel centres).
 * When shrinking, the triangle filter widens with the factor (antialiasing, as Pillow's
 * `Image.resize(BILINEAR)`), so every input pixel counts; when enlarging it is plain bilinear.
 *
 * @example
 * ```ts
 * const small = resampleBilinear(rgb, 427, 640, 3, 224, 224); // 224×224×3
 * ```
 */
export function resampleBilinear(src: ArrayLike<number>, height: number, width: number, channels: number, outHeight: number, outWidth: number): Float32Array {
  if (src.length !== height * width * channels) throw new RangeError(`resampleBilinear: ${src.length} values do not fill ${height}×${width}×${channels}`);
  if (![outHeight, outWidth].every((d) => Number.isInteger(d) && d >= 1)) throw new RangeError(`resampleBilinear: bad output size ${outHeight}×${outWidth}`);
  const cx = coefficients(width, outWidth);
  const rows = new Float64Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      const w = cx.weights[x]!, s = cx.start[x]!;
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < w.length; k++) acc += w[k]! * src[(y * width + s + k) * channels + c]!;
        rows[(y * outWidth + x) * channels + c] = acc;
      }
    }
  }
  const cy = coefficients(height, outHeight);
  const out = new Float32Array(outHeight * outWidth * channels);
  for (let y = 0; y < outHeight; y++) {
    const w = cy.weights[y]!, s = cy.start[y]!;
    for (let i = 0; i < outWidth * channels; i++) {
      let acc = 0;
      for (let k = 0; k < w.length; k++) acc += w[k]! * rows[(s + k) * outWidth * channels + i]!;
      out[y * outWidth * channels + i] = acc;
    }
  }
  return out;
}
