import { decode as decodePngFile } from 'fast-png';
import { decode as decodeJpegFile } from 'jpeg-js';
import { createImage, type Image } from './Image';
import { invalidInput } from './vizError';

/** Largest picture decoded, in pixels (100 megapixels), so a hostile file cannot exhaust memory. */
export const MAX_IMAGE_PIXELS = 100_000_000;

const isPng = (b: Uint8Array) => b.length >= 8 && [137, 80, 78, 71, 13, 10, 26, 10].every((v, i) => b[i] === v);
const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/**
 * Decodes a PNG or JPEG file (recognised by its first bytes, not its name) to 8-bit RGBA, in pure
 * JavaScript so that Node and browsers share it: PNG with `fast-png` (every bit depth, palette,
 * grey, alpha, interlaced; 16-bit samples keep their high byte), baseline and progressive JPEG with
 * `jpeg-js`. Anything else, a truncated or corrupt file, or one over {@link MAX_IMAGE_PIXELS},
 * throws an `INVALID_INPUT` error saying so.
 *
 * @example
 * ```ts
 * const photo = decodeImage(new Uint8Array(await (await fetch('cat.jpg')).arrayBuffer()));
 * photo.width; // e.g. 640
 * ```
 */
export function decodeImage(bytes: Uint8Array, name = 'image'): Image {
  if (isPng(bytes)) return fromPng(bytes, name);
  if (isJpeg(bytes)) return fromJpeg(bytes, name);
  throw invalidInput(`${name} is neither a PNG nor a JPEG file (it starts with bytes ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'none'})`, { name });
}

function fromPng(bytes: Uint8Array, name: string): Image {
  let png: ReturnType<typeof decodePngFile>;
  try {
    png = decodePngFile(bytes);
  } catch (e) {
    throw invalidInput(`${name} is not a readable PNG file: ${(e as Error).message}`, { name });
  }
  const { width, height, channels, depth, data, palette } = png;
  if (width * height > MAX_IMAGE_PIXELS) throw invalidInput(`${name} has ${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS} are decoded`, { name, width, height });
  const img = createImage(width, height);
  const out = img.data;
  const samples = depth < 8 ? unpackBits(data as Uint8Array, width, height, depth) : data;
  const sample = (i: number): number => {
    if (depth === 8) return samples[i]!;
    if (depth === 16) return samples[i]! >> 8;
    return Math.round((samples[i]! * 255) / ((1 << depth) - 1)); // 1, 2, 4-bit grey
  };
  for (let p = 0; p < width * height; p++) {
    const s = p * channels, d = p * 4;
    if (palette) {
      const entry = palette[samples[p]!] ?? [0, 0, 0];
      out[d] = entry[0]!; out[d + 1] = entry[1]!; out[d + 2] = entry[2]!; out[d + 3] = entry[3] ?? 255;
    } else if (channels >= 3) {
      out[d] = sample(s); out[d + 1] = sample(s + 1); out[d + 2] = sample(s + 2); out[d + 3] = channels === 4 ? sample(s + 3) : 255;
    } else {
      out[d] = out[d + 1] = out[d + 2] = sample(s);
      out[d + 3] = channels === 2 ? sample(s + 1) : 255;
    }
  }
  return img;
}

/** Rows of 1-, 2- or 4-bit samples (each row starting on a byte) to one sample per element. */
function unpackBits(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8), mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * width + x] = (packed[y * rowBytes + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function fromJpeg(bytes: Uint8Array, name: string): Image {
  try {
    const j = decodeJpegFile(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 2048 });
    return { width: j.width, height: j.height, data: new Uint8ClampedArray(j.data.buffer, j.data.byteOffset, j.data.byteLength) };
  } catch (e) {
    throw invalidInput(`${name} is not a readable JPEG file: ${(e as Error).message}`, { name });
  }
}
