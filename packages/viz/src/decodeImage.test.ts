import { describe, expect, it } from 'vitest';
import { encode as encodeFastPng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { decodeImage } from './decodeImage';
import { encodePng } from './encodePng';
import { createImage } from './Image';

/** A 13×7 RGBA test card: a colour gradient with a grey stripe (odd sizes catch stride bugs). */
function card() {
  const img = createImage(13, 7);
  for (let y = 0; y < 7; y++) for (let x = 0; x < 13; x++) img.data.set(y === 3 ? [128, 128, 128, 255] : [x * 19, y * 36, 255 - x * 19, 200 + y], (y * 13 + x) * 4);
  return img;
}

describe('decodeImage', () => {
  it('reads back 8-bit RGBA PNGs exactly', () => {
    const img = card();
    expect(decodeImage(encodePng(img))).toEqual(img);
  });

  it('reads 16-bit RGB, 1-bit grey and 4-bit palette PNGs (as converters and editors write them)', () => {
    const rgb16 = new Uint16Array(13 * 7 * 3).map((_, i) => (i * 997) % 65536);
    const d16 = decodeImage(encodeFastPng({ width: 13, height: 7, data: rgb16, depth: 16, channels: 3 }));
    expect(Array.from(d16.data.subarray(0, 8))).toEqual([rgb16[0]! >> 8, rgb16[1]! >> 8, rgb16[2]! >> 8, 255, rgb16[3]! >> 8, rgb16[4]! >> 8, rgb16[5]! >> 8, 255]);
    // 1-bit grey: rows are packed, 13 pixels → 2 bytes per row.
    const bits = new Uint8Array(2 * 7).map((_, i) => (i % 2 === 0 ? 0b10110000 : 0b11111000));
    const d1 = decodeImage(encodeFastPng({ width: 13, height: 7, data: bits, depth: 1, channels: 1 }));
    expect(Array.from({ length: 13 }, (_, x) => d1.data[x * 4])).toEqual([255, 0, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255, 255]);
    const palette = [[255, 0, 0], [0, 255, 0], [0, 0, 255]];
    const idx = new Uint8Array(7 * 7).map((_, i) => (i % 7 === 0 ? 0x12 : 0x00)); // 4-bit: pixel pairs (1, 2) or (0, 0)
    const dp = decodeImage(encodeFastPng({ width: 13, height: 7, data: idx, depth: 4, channels: 1, palette }));
    expect(Array.from(dp.data.subarray(0, 12))).toEqual([0, 255, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255]);
  });

  it('decodes JPEG to within the loss of the encoder', () => {
    const img = card();
    const jpeg = encodeJpeg({ width: 13, height: 7, data: img.data }, 100).data;
    const back = decodeImage(new Uint8Array(jpeg));
    expect([back.width, back.height]).toEqual([13, 7]);
    let err = 0;
    for (let i = 0; i < img.data.length; i++) if (i % 4 !== 3) err = Math.max(err, Math.abs(back.data[i]! - img.data[i]!));
    expect(err).toBeLessThanOrEqual(6); // quality 100: measured 3
    expect(back.data[3]).toBe(255);
  });

  it('refuses other files, truncated files and corrupt data with INVALID_INPUT naming the file', () => {
    const png = encodePng(card());
    const jpeg = new Uint8Array(encodeJpeg({ width: 13, height: 7, data: card().data }, 90).data);
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('{"inputs": [1]}'), /x\.img is neither a PNG nor a JPEG file \(it starts with bytes 7b 22 69 6e\)/],
      [new Uint8Array(), /neither a PNG nor a JPEG/],
      [png.subarray(0, 40), /x\.img is not a readable PNG file/],
      [jpeg.subarray(0, 60), /x\.img is not a readable JPEG file/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeImage(bytes, 'x.img')).toThrow(message);
      try { decodeImage(bytes, 'x.img'); } catch (e) { expect((e as { code: string }).code).toBe('INVALID_INPUT'); }
    }
  });
});
