import { unzlibSync } from 'fflate';
import type { Image } from './Image';

/**
 * Decodes a non-interlaced 8-bit PNG (grey, grey+alpha, RGB, RGBA or palette) to RGBA. Enough to
 * read back what {@link encodePng} writes and ordinary images (e.g. an input photo); it throws a
 * `RangeError` on 16-bit or interlaced files.
 *
 * @example
 * ```ts
 * const img = decodePng(new Uint8Array(await fs.readFile('digit.png')));
 * ```
 */
export function decodePng(bytes: Uint8Array): Image {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 8 || sig.some((b, i) => bytes[i] !== b)) throw new RangeError('Not a PNG file');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0, height = 0, depth = 0, type = 0, interlace = 0, palette: Uint8Array | undefined, trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const len = v.getUint32(at);
    const kind = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + len);
    if (kind === 'IHDR') {
      const [, , , , , , , , d, t, , , i] = body;
      if (d === undefined || t === undefined || i === undefined) throw new RangeError(`Truncated PNG header (IHDR of ${body.length} bytes; expected 13)`);
      width = v.getUint32(at + 8); height = v.getUint32(at + 12);
      depth = d; type = t; interlace = i;
    } else if (kind === 'PLTE') palette = body;
    else if (kind === 'tRNS') trns = body;
    else if (kind === 'IDAT') idat.push(body);
    else if (kind === 'IEND') break;
    at += 12 + len;
  }
  if (depth !== 8 || interlace !== 0) throw new RangeError(`Only 8-bit non-interlaced PNGs are supported (depth ${depth}, interlace ${interlace})`);
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[type];
  if (!channels) throw new RangeError(`Unknown PNG colour type ${type}`);
  const joined = new Uint8Array(idat.reduce((s, c) => s + c.length, 0));
  idat.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
  const raw = unfilter(unzlibSync(joined), width, height, channels);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels, d = p * 4;
    if (type === 6) data.set(raw.subarray(s, s + 4), d);
    else if (type === 2) { data.set(raw.subarray(s, s + 3), d); data[d + 3] = 255; }
    else if (type === 3) {
      const k = raw[s]!;
      data.set(palette!.subarray(k * 3, k * 3 + 3), d);
      data[d + 3] = trns && k < trns.length ? trns[k]! : 255;
    } else {
      data[d] = data[d + 1] = data[d + 2] = raw[s]!;
      data[d + 3] = type === 4 ? raw[s + 1]! : 255;
    }
  }
  return { width, height, data };
}

function unfilter(src: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = src[y * (stride + 1)], inRow = y * (stride + 1) + 1, row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[row + x] = (src[inRow + x]! + pred) & 0xff;
    }
  }
  return out;
}
