import { zlibSync } from 'fflate';
import type { Image } from './Image';
import { crc32 } from './crc32';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * Encodes an RGBA image as a PNG file (8-bit RGBA, non-interlaced). Pure JavaScript (fflate's
 * zlib), so it runs unchanged in Node and browsers; the output depends only on the pixels.
 *
 * @example
 * ```ts
 * const png = encodePng(renderExplanationPng(e).image);
 * await fs.writeFile('saliency.png', png);          // Node
 * img.src = pngDataUrl(renderExplanationPng(e).image); // browser
 * ```
 */
export function encodePng(image: Image): Uint8Array {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) {
    throw new RangeError(`Image data has ${data.length} bytes; ${width}×${height} RGBA needs ${width * height * 4}`);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter set 0, no interlace
  const idat = zlibSync(filterRows(data, width, height), { level: 9 });
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** Each scanline gets the filter (None, Sub or Up) with the smallest sum of absolute residuals. */
function filterRows(data: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array((stride + 1) * height);
  const cand = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)];
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    let best = 0, bestCost = Infinity;
    for (let f = 0; f < 3; f++) {
      const c = cand[f]!;
      let cost = 0;
      for (let x = 0; x < stride; x++) {
        const cur = data[row + x]!;
        const pred = f === 1 ? (x >= 4 ? data[row + x - 4]! : 0) : f === 2 ? (y > 0 ? data[row - stride + x]! : 0) : 0;
        const r = (cur - pred) & 0xff;
        c[x] = r;
        cost += r < 128 ? r : 256 - r;
      }
      if (cost < bestCost) { bestCost = cost; best = f; }
    }
    out[y * (stride + 1)] = best;
    out.set(cand[best]!, y * (stride + 1) + 1);
  }
  return out;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  v.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}
