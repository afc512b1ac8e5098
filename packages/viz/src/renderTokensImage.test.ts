import { describe, expect, it } from 'vitest';
import { renderTokensImage } from './renderTokensImage';
import { renderTokensPng } from './renderTokensPng';
import { renderTokensSvg } from './renderTokensSvg';
import { colorScaleFor, scalePosition } from './ColorScale';
import { colorAt, colormap } from './colormaps';
import { decodePng } from './decodePng';
import { inkOn } from './inkOn';
import type { Image } from './Image';
import { expectGoldenPng, expectGoldenText } from './__fixtures__/golden';

const REVIEW = ['[CLS]', 'the', 'movie', 'was', 'not', 'great', ',', 'but', 'the', 'acting', 'was', 'superb', '!', '[SEP]'];
const SCORES = [0, 0.01, 0.2, -0.05, -0.8, 0.9, 0, 0.1, 0.02, 0.3, 0, 1.2, 0.05, 0];
const HOSTILE = `<script>alert("x")</script> & 'quotes'`;
const px = (img: Image, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('renderTokensImage (golden, pixel-exact)', () => {
  it('signed scores: diverging RdBu centred on zero, wrapped lines, legend, title', () => {
    const { image, colorScale } = renderTokensImage(REVIEW, SCORES, { title: 'integrated-gradients', maxWidth: 240 });
    expect(colorScale).toMatchObject({ signed: true, colormap: 'rdbu' });
    expectGoldenPng('tokens-signed', image);
  });

  it('absolute scores: viridis from zero, scores written under the tokens, text at scale 1', () => {
    const { image, colorScale } = renderTokensImage(['gradient', 'times', 'input', 'émigré', 'tab\there'], [0.5, 1, 0.1, 0.7, 0.25], { showScores: true, textScale: 1, clip: 100 });
    expect(colorScale).toMatchObject({ signed: false, min: 0, max: 1, colormap: 'viridis' });
    expectGoldenPng('tokens-absolute', image);
  });
});

describe('renderTokensImage', () => {
  it('colours each token box by its score, with readable ink', () => {
    const scores = [-1, 0, 1, 0.25];
    const { image, colorScale } = renderTokensImage(['neg', 'zero', 'pos', 'q'], scores, { legend: false, clip: 100 });
    const map = colormap('rdbu');
    // Without a title or a wider legend the text sits at (4, 4); each box starts with padding (4 px at scale 2).
    let x = 4;
    for (let i = 0; i < scores.length; i++) {
      const bg = colorAt(map, scalePosition(colorScale, scores[i]!));
      expect(px(image, x + 1, 5), `token ${i}`).toEqual([...bg]);
      x += ['neg', 'zero', 'pos', 'q'][i]!.length * 12 - 2 + 8 + 6; // text + 2 × padding + gap
    }
    expect(colorAt(map, scalePosition(colorScale, 0))).toEqual([247, 247, 247, 255]);
    // The dark-blue box of "neg" carries white text somewhere inside.
    const inks = new Set<string>();
    for (let y = 8; y < 22; y++) for (let xx = 8; xx < 40; xx++) inks.add(px(image, xx, y).join());
    expect(inks.has([...inkOn(colorAt(map, 0))].join())).toBe(true);
  });

  it('wraps at maxWidth and shortens tokens longer than a line', () => {
    const long = 'x'.repeat(200);
    const narrow = renderTokensImage([...REVIEW, long], [...SCORES, 0.5], { maxWidth: 120, legend: false });
    const wide = renderTokensImage([...REVIEW, long], [...SCORES, 0.5], { maxWidth: 2000, legend: false });
    expect(narrow.image.width).toBeLessThanOrEqual(120 + 8);
    expect(narrow.image.height).toBeGreaterThan(4 * wide.image.height / 2);
    expect(wide.image.width).toBeGreaterThan(1000);
  });

  it('checks lengths and options with typed errors', () => {
    expect(() => renderTokensImage(['a'], [1, 2])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/1 tokens but 2 scores/) }));
    expect(() => renderTokensImage(['a'], [1], { textScale: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => renderTokensImage(['a'], [1], { maxWidth: 10 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(renderTokensImage([], []).image.width).toBeGreaterThan(0);
  });

  it('encodes as PNG', () => {
    const png = decodePng(renderTokensPng(['a', 'b'], [1, -1]));
    expect(png).toMatchObject(renderTokensImage(['a', 'b'], [1, -1]).image);
  });
});

describe('renderTokensSvg', () => {
  it('boxes coloured by score, fitted text, legend with zero (golden text)', () => {
    const svg = renderTokensSvg(REVIEW, SCORES, { title: 'integrated-gradients', maxWidth: 300 });
    expect(svg).toContain('fill="#f7f7f7"');
    expect(svg).toContain('lengthAdjust="spacingAndGlyphs"');
    expectGoldenText('tokens.svg', svg);
  });

  it('escapes hostile tokens and titles', () => {
    const svg = renderTokensSvg([HOSTILE, 'ok'], [1, -1], { title: HOSTILE });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain(`"x"`);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
  });

  it('checks lengths and options', () => {
    expect(() => renderTokensSvg(['a', 'b'], [1])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => renderTokensSvg(['a'], [1], { fontSize: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
