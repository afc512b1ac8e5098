import { describe, expect, it } from 'vitest';
import { drawText, fitText, textWidth } from './bitmapFont';
import { createImage, INK, WHITE } from './Image';
import { upscale } from './imageOps';
import { expectGoldenPng } from './__fixtures__/golden';

describe('bitmap font', () => {
  it('measures 6 px per character less the trailing gap', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('0.25')).toBe(23);
    expect(textWidth('ab', 2)).toBe(22);
  });

  it('shortens text to fit', () => {
    expect(fitText('short', 100)).toBe('short');
    expect(textWidth(fitText('integrated-gradients', 60))).toBeLessThanOrEqual(60);
    expect(fitText('integrated-gradients', 60)).toMatch(/\.\.$/);
  });

  it('draws the specimen (golden, pixel-exact)', () => {
    const lines = ['0123456789 +-.,:%=()[]', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '-1.5e-3 <>?!#*&|\'"/_ ×−~'];
    const img = createImage(160, 4 + lines.length * 10, WHITE);
    lines.forEach((l, i) => drawText(img, l, 2, 2 + i * 10, INK));
    expectGoldenPng('font-specimen', upscale(img, 2));
  });
});
