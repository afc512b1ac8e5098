/** Side of an MNIST image, and of the box its digit is scaled into. */
export const MNIST_SIZE = 28;
export const MNIST_BOX = 20;

/**
 * Turns a drawing (grey values in [0, 1], ink = 1, `width × height`, row-major) into a 28×28 MNIST
 * input the way MNIST itself was made: the ink's bounding box is scaled, keeping its aspect, to fit
 * 20×20 with area averaging (anti-aliased), then placed so that its centre of mass sits on pixel
 * (14, 14) of the 28×28 image. Returns `null` when there is no ink (above `threshold`).
 *
 * @example
 * ```ts
 * const x = preprocessDigit(pad.pixels(), 280, 280); // Float32Array(784) or null
 * ```
 */
export function preprocessDigit(grey: ArrayLike<number>, width: number, height: number, threshold = 0.05): Float32Array | null {
  if (grey.length !== width * height) throw new RangeError(`preprocessDigit: ${grey.length} values do not fill ${width}×${height}`);
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x]! > threshold) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = MNIST_BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale)), th = Math.max(1, Math.round(bh * scale));
  // Separable area resampling: rows to tw columns, then columns to th rows.
  const rows = new Float32Array(bh * tw);
  const line = new Float32Array(bw);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) line[x] = Math.min(1, Math.max(0, grey[(y0 + y) * width + x0 + x]!));
    rows.set(resampleArea(line, tw), y * tw);
  }
  const patch = new Float32Array(th * tw);
  const column = new Float32Array(bh);
  for (let x = 0; x < tw; x++) {
    for (let y = 0; y < bh; y++) column[y] = rows[y * tw + x]!;
    resampleArea(column, th).forEach((v, y) => { patch[y * tw + x] = v; });
  }
  // Centre of mass of the patch in pixel indices; MNIST puts it on pixel (14, 14).
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) { const v = patch[y * tw + x]!; mass += v; mx += v * x; my += v * y; }
  const half = MNIST_SIZE / 2;
  const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
  const ox = clamp(Math.round(half - (mass > 0 ? mx / mass : (tw - 1) / 2)), MNIST_SIZE - tw);
  const oy = clamp(Math.round(half - (mass > 0 ? my / mass : (th - 1) / 2)), MNIST_SIZE - th);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) out[(oy + y) * MNIST_SIZE + ox + x] = patch[y * tw + x]!;
  return out;
}

/** Resamples `src` to `n` values, each the average of the source interval it covers (box filter). */
export function resampleArea(src: ArrayLike<number>, n: number): Float32Array {
  const m = src.length, out = new Float32Array(n), step = m / n;
  for (let j = 0; j < n; j++) {
    const a = j * step, b = (j + 1) * step;
    let sum = 0;
    for (let i = Math.floor(a); i < Math.min(m, Math.ceil(b)); i++) sum += src[i]! * (Math.min(b, i + 1) - Math.max(a, i));
    out[j] = sum / step;
  }
  return out;
}
