import { describe, expect, it } from 'vitest';
import { createImage } from './Image';
import { preprocessImages } from './preprocessImages';
import { resampleBilinear } from './resampleBilinear';

const px = (rgb: number[][]) => {
  const img = createImage(rgb.length, 1);
  rgb.forEach((c, i) => img.data.set([...c, 255], i * 4));
  return img;
};

describe('preprocessImages', () => {
  it('orders channels, scales and normalises per channel, and records every step', () => {
    const img = px([[255, 0, 51], [0, 102, 255]]);
    const rgb = preprocessImages([{ name: 'a.png', image: img }]);
    expect(rgb.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(rgb.values)).toEqual([1, 0, 0.2, 0, 0.4, 1].map((v) => Math.fround(v)));
    const bgr = preprocessImages([{ name: 'a.png', image: img }], { channels: 'bgr', scale: 1 });
    expect(Array.from(bgr.values)).toEqual([51, 0, 255, 255, 102, 0]);
    const gray = preprocessImages([{ name: 'a.png', image: img }], { channels: 'gray', scale: 1 });
    expect(gray.shape).toEqual([1, 1, 2, 1]);
    expect(gray.values[0]).toBeCloseTo(0.299 * 255 + 0.114 * 51, 4);
    const norm = preprocessImages([{ name: 'a.png', image: img }], { normalize: { mean: [0.5, 0, 0.2], std: [0.5, 2, 0.1] } });
    expect(Array.from(norm.values, (v) => +v.toFixed(5))).toEqual([1, 0, 0, -1, 0.2, 8]);
    expect(norm.preprocessing).toEqual({
      sources: [{ name: 'a.png', width: 2, height: 1 }],
      channels: 'rgb', resize: null, resizeMethod: 'bilinear', scale: 1 / 255,
      normalize: { mean: [0.5, 0, 0.2], std: [0.5, 2, 0.1] }, layout: 'NHWC',
    });
    const scalar = preprocessImages([{ name: 'a.png', image: img }], { normalize: { mean: 0.5, std: 0.25 } });
    expect(scalar.preprocessing.normalize).toEqual({ mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] });
  });

  it('resizes bilinearly: a ramp stays a ramp when enlarged, a constant stays constant when shrunk', () => {
    expect(Array.from(resampleBilinear([0, 10], 1, 2, 1, 1, 4))).toEqual([0, 2.5, 7.5, 10]);
    const flat = createImage(9, 5, [40, 80, 120, 255]);
    const small = preprocessImages([{ name: 'f.jpg', image: flat }], { resize: [2, 3], scale: 1 });
    expect(small.shape).toEqual([1, 2, 3, 3]);
    for (let i = 0; i < small.values.length; i++) expect(small.values[i]).toBeCloseTo([40, 80, 120][i % 3]!, 4);
    // Shrinking by 2 averages neighbours (antialiasing) instead of picking every other pixel.
    expect(Array.from(resampleBilinear([0, 100, 0, 100], 1, 4, 1, 1, 2), (v) => Math.round(v))).toEqual([43, 57]) // Pillow-style triangle of width 2: weights 3/7, 3/7, 1/7;
  });

  it('batches pictures of one size, and asks for a size when they differ', () => {
    const two = preprocessImages([{ name: 'a', image: createImage(4, 3) }, { name: 'b', image: createImage(4, 3) }]);
    expect(two.shape).toEqual([2, 3, 4, 3]);
    expect(() => preprocessImages([{ name: 'a.png', image: createImage(4, 3) }, { name: 'b.png', image: createImage(3, 4) }])).toThrow(
      /b\.png is 3×4 but a\.png is 4×3; give a size to resize them all to/,
    );
  });

  it('refuses bad options with INVALID_OPTION', () => {
    const one = [{ name: 'a', image: createImage(2, 2) }];
    const bad: [object, RegExp][] = [
      [{ channels: 'rgba' }, /channels "rgba": expected rgb, bgr or gray/],
      [{ scale: 0 }, /scale 0: expected a finite number above 0/],
      [{ scale: Number.NaN }, /scale NaN/],
      [{ resize: [0, 4] }, /resize 0,4: expected a height and a width/],
      [{ resize: [2.5, 4] }, /resize 2.5,4/],
      [{ normalize: { mean: [1, 2], std: 1 } }, /normalize mean: expected 1 or 3 values/],
      [{ normalize: { mean: 0, std: [1, 0, 1] } }, /normalize std: expected non-zero/],
      [{ normalize: { mean: Number.POSITIVE_INFINITY, std: 1 } }, /normalize mean: expected finite numbers/],
    ];
    for (const [o, message] of bad) {
      expect(() => preprocessImages(one, o as never)).toThrow(message);
      try { preprocessImages(one, o as never); } catch (e) { expect((e as { code: string }).code).toBe('INVALID_OPTION'); }
    }
  });
});
