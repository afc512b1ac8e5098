import type { Image, Rgba } from './Image';
import { blendPixel } from './imageOps';

/**
 * Draws a one-pixel line from (x0, y0) to (x1, y1), both ends included (Bresenham; integer
 * coordinates, clipped to the image, deterministic).
 * @example `drawLine(img, 10, 0, 40, 30, [136, 136, 136, 255]);`
 */
export function drawLine(img: Image, x0: number, y0: number, x1: number, y1: number, color: Rgba): void {
  let x = Math.round(x0), y = Math.round(y0);
  const xe = Math.round(x1), ye = Math.round(y1);
  const dx = Math.abs(xe - x), dy = -Math.abs(ye - y), sx = x < xe ? 1 : -1, sy = y < ye ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    blendPixel(img, x, y, color);
    if (x === xe && y === ye) return;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x += sx; }
    if (e2 <= dx) { err += dx; y += sy; }
  }
}
