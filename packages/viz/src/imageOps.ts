import type { Image, Rgba } from './Image';
import { createImage } from './Image';

/**
 * Fills the rectangle `[x, x+w) × [y, y+h)` (clipped to the image) with an opaque or blended colour.
 * @example `fillRect(img, 0, 0, 10, 10, [255, 0, 0, 255]);`
 */
export function fillRect(img: Image, x: number, y: number, w: number, h: number, color: Rgba): void {
  const x0 = Math.max(0, x), y0 = Math.max(0, y);
  const x1 = Math.min(img.width, x + w), y1 = Math.min(img.height, y + h);
  for (let yy = y0; yy < y1; yy++) {
    for (let xx = x0; xx < x1; xx++) blendPixel(img, xx, yy, color);
  }
}

/** Source-over blend of one pixel (integer math, exact for alpha 0 and 255). */
export function blendPixel(img: Image, x: number, y: number, c: Rgba): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 4, d = img.data, a = c[3];
  if (a === 255) { d[i] = c[0]; d[i + 1] = c[1]; d[i + 2] = c[2]; d[i + 3] = 255; return; }
  if (a === 0) return;
  d[i] = (c[0] * a + d[i]! * (255 - a)) / 255;
  d[i + 1] = (c[1] * a + d[i + 1]! * (255 - a)) / 255;
  d[i + 2] = (c[2] * a + d[i + 2]! * (255 - a)) / 255;
  d[i + 3] = Math.max(d[i + 3]!, a);
}

/**
 * Copies `src` onto `dst` at (x, y), clipped; `src` pixels are blended by their alpha.
 * @example `blit(canvas, heatmap, 10, 20);`
 */
export function blit(dst: Image, src: Image, x: number, y: number): void {
  const s = src.data, d = dst.data;
  for (let sy = Math.max(0, -y); sy < src.height && y + sy < dst.height; sy++) {
    for (let sx = Math.max(0, -x); sx < src.width && x + sx < dst.width; sx++) {
      const i = (sy * src.width + sx) * 4, j = ((y + sy) * dst.width + x + sx) * 4, a = s[i + 3]!;
      if (a === 255) { d[j] = s[i]!; d[j + 1] = s[i + 1]!; d[j + 2] = s[i + 2]!; d[j + 3] = 255; }
      else if (a > 0) blendPixel(dst, x + sx, y + sy, [s[i]!, s[i + 1]!, s[i + 2]!, a]);
    }
  }
}

/**
 * Nearest-neighbour enlargement by an integer factor (crisp pixels, no smoothing).
 * @example `upscale(digit28, 4).width; // 112`
 */
export function upscale(src: Image, factor: number): Image {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`upscale factor must be a positive integer; got ${factor}`);
  if (factor === 1) return { width: src.width, height: src.height, data: src.data.slice() };
  const out = createImage(src.width * factor, src.height * factor);
  const o = new Uint32Array(out.data.buffer), s = new Uint32Array(src.data.slice().buffer);
  for (let y = 0; y < out.height; y++) {
    const sy = Math.floor(y / factor) * src.width;
    for (let x = 0; x < out.width; x++) o[y * out.width + x] = s[sy + Math.floor(x / factor)]!;
  }
  return out;
}

/**
 * Blends `top` over `base` (same size) with a constant `opacity` in [0, 1], or per pixel with
 * `alpha` (0–1 per pixel, multiplied by `opacity`). Integer math: deterministic everywhere.
 * @example `const shown = blend(digit, heat, 0.6);`
 */
export function blend(base: Image, top: Image, opacity: number, alpha?: ArrayLike<number>): Image {
  if (base.width !== top.width || base.height !== top.height) {
    throw new RangeError(`blend needs equal sizes; got ${base.width}×${base.height} and ${top.width}×${top.height}`);
  }
  const out = createImage(base.width, base.height);
  const b = base.data, t = top.data, o = out.data;
  const op = Math.round(Math.min(1, Math.max(0, opacity)) * 255);
  for (let p = 0, i = 0; i < o.length; p++, i += 4) {
    const a = alpha ? Math.round(op * Math.min(1, Math.max(0, alpha[p]!))) : op;
    for (let c = 0; c < 3; c++) o[i + c] = (t[i + c]! * a + b[i + c]! * (255 - a)) / 255;
    o[i + 3] = Math.max(b[i + 3]!, t[i + 3]!);
  }
  return out;
}
