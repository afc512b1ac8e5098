/**
 * An RGBA raster: `data` holds `width × height × 4` bytes, row-major, non-premultiplied alpha.
 * Structurally the same as the DOM's `ImageData`, so a browser can `ctx.putImageData` it directly.
 *
 * @example
 * ```ts
 * const img = createImage(2, 1, [255, 0, 0, 255]); // two red pixels
 * img.data[4 + 1] = 255;                           // second pixel becomes yellow
 * ```
 */
export interface Image {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** An RGBA colour, each channel 0–255. */
export type Rgba = readonly [number, number, number, number];

/** Opaque white, the default background of every picture. */
export const WHITE: Rgba = [255, 255, 255, 255];
/** Opaque near-black used for text and axes. */
export const INK: Rgba = [34, 34, 34, 255];

/**
 * A new image filled with `fill` (transparent black when omitted).
 * @example `const canvas = createImage(100, 50, WHITE);`
 */
export function createImage(width: number, height: number, fill?: Rgba): Image {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`Image size must be non-negative integers; got ${width}×${height}`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  if (fill) for (let i = 0; i < data.length; i += 4) data.set(fill, i);
  return { width, height, data };
}
