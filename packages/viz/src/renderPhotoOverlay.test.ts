import { describe, expect, it } from 'vitest';
import { fixtureExplanation } from './__fixtures__/explanations';
import { explanationTitle } from './explanationTitle';
import { createImage } from './Image';
import { renderExplanation } from './renderExplanation';
import { renderExplanationImage } from './renderExplanationImage';
import { renderPhotoOverlay } from './renderPhotoOverlay';

/** A 3:2 "photo" (twice the 28×28 input's height, three times its width): a plain green field. */
const photo = createImage(84, 56, [30, 160, 60, 255]);

const named = () => ({
  ...fixtureExplanation(),
  labels: { classes: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] },
  preprocessing: {
    sources: [{ name: 'three.jpg', width: 84, height: 56 }, { name: 'seven.png', width: 84, height: 56 }],
    channels: 'gray' as const, resize: [28, 28] as [number, number], resizeMethod: 'bilinear' as const, scale: 1 / 255, normalize: null, layout: 'NHWC' as const,
  },
});

describe('heatmaps over the original photo', () => {
  it('draws at the photo size, showing the photo where attributions are near zero and colour where they are large', () => {
    const e = fixtureExplanation();
    const { image } = renderPhotoOverlay(e, photo, { legend: false });
    expect([image.width, image.height]).toEqual([168 + 8, 112 + 8]); // enlarged ×2 (under 224 px), 4 px padding around
    const at = (x: number, y: number) => Array.from(image.data.subarray(((y + 4) * image.width + x + 4) * 4, ((y + 4) * image.width + x + 4) * 4 + 3));
    at(2, 2).forEach((v, c) => expect(Math.abs(v - [30, 160, 60][c]!)).toBeLessThan(12)); // a corner: attribution ~0, the photo shows
    // Input pixel (20, 20) has the largest attribution; at 6×4 scale it lands near (122, 82).
    const hot = at(122, 82);
    expect(hot[0]).toBeGreaterThan(60); // dark red of the diverging map at 60 % over the green
    expect(hot[1]).toBeLessThan(80);
  });

  it('is what renderExplanationImage draws when given photos and overlay, and large photos are shrunk', () => {
    const e = fixtureExplanation();
    const viaImage = renderExplanationImage(e, { overlay: true, photos: [photo, photo], example: 1 }).image;
    expect(viaImage).toEqual(renderPhotoOverlay(e, photo, { overlay: true, example: 1 }).image);
    const big = renderPhotoOverlay(e, createImage(1000, 500, [0, 0, 0, 255]), { legend: false, maxSide: 200 }).image;
    expect([big.width, big.height]).toEqual([208, 108]);
  });

  it('names the source file, the target class and the top class in titles, PNG, SVG and HTML', () => {
    const e = named();
    e.targets = [3, 1];
    expect(explanationTitle(e, 0)).toBe('three.jpg  integrated-gradients  three 0.91');
    expect(explanationTitle(e, 1)).toBe('seven.png  integrated-gradients  one 1e-2  (top: seven 0.91)');
    expect(explanationTitle(fixtureExplanation(), 0)).toBeUndefined();
    const svg = renderExplanation(e, { format: 'svg' }).data as string;
    expect(svg).toContain('three.jpg  integrated-gradients  three 0.91');
    const withTitle = renderExplanation(e, { format: 'png' }).data as Uint8Array;
    const without = renderExplanation(e, { format: 'png', title: '' }).data as Uint8Array;
    expect(withTitle.length).toBeGreaterThan(without.length);
    const html = renderExplanation(e, { format: 'html', photos: [photo, photo] }).data as string;
    expect(html).toContain('three.jpg');
    expect(html).toContain('target three (output 0.91)');
    expect(html).toContain('2 images (three.jpg 84×56, seven.png 84×56) → channels gray, resize to 28×28 (bilinear), scale ×1/255 (NHWC)');
    expect(html.match(/alt="integrated-gradients over photo \d"/g)).toHaveLength(2);
  });
});
