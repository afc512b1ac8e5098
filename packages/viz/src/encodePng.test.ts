import { describe, expect, it } from 'vitest';
import { encodePng } from './encodePng';
import { decodePng } from './decodePng';
import { createImage } from './Image';
import { toBase64 } from './base64';
import { pngDataUrl } from './pngDataUrl';
import { crc32 } from './crc32';

function noise(w: number, h: number) {
  const img = createImage(w, h);
  let s = 12345;
  for (let i = 0; i < img.data.length; i++) { s = (s * 1103515245 + 12345) >>> 0; img.data[i] = s >>> 24; }
  return img;
}

describe('encodePng / decodePng', () => {
  it('round-trips pixels exactly', () => {
    const img = noise(13, 7);
    const back = decodePng(encodePng(img));
    expect(back.width).toBe(13);
    expect(back.height).toBe(7);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
  });

  it('is deterministic and starts with the PNG signature and IHDR', () => {
    const a = encodePng(noise(5, 5)), b = encodePng(noise(5, 5));
    expect(a).toEqual(b);
    expect(Array.from(a.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(String.fromCharCode(...a.subarray(12, 16))).toBe('IHDR');
  });

  it('rejects data of the wrong length and non-PNG bytes', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(3) })).toThrow(RangeError);
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(/Not a PNG/);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('toBase64 / pngDataUrl', () => {
  it('matches Node’s base64 for every padding case', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 20000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('makes a PNG data URL', () => {
    expect(pngDataUrl(createImage(1, 1))).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
