/**
 * Bilinear resampling of a `h × w` grid to `outH × outW` (pixel centres aligned, edges clamped),
 * e.g. a 7×7 Grad-CAM map up to the 28×28 input.
 * @example `resizeValues(cam, 7, 7, 28, 28).length; // 784`
 */
export function resizeValues(values: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    const fy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / outH - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(h - 1, y0 + 1), dy = fy - y0;
    for (let x = 0; x < outW; x++) {
      const fx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / outW - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(w - 1, x0 + 1), dx = fx - x0;
      const top = values[y0 * w + x0]! * (1 - dx) + values[y0 * w + x1]! * dx;
      const bottom = values[y1 * w + x0]! * (1 - dx) + values[y1 * w + x1]! * dx;
      out[y * outW + x] = top * (1 - dy) + bottom * dy;
    }
  }
  return out;
}
