import { describe, expect, it } from 'vitest';
import { renderAttentionMatrixImage } from './renderAttentionMatrixImage';
import { renderAttentionMatrixPng } from './renderAttentionMatrixPng';
import { renderLegend } from './renderLegend';
import { colorScaleFor } from './ColorScale';
import { expectGoldenPng } from './__fixtures__/golden';
import { attention, TOKENS } from './__fixtures__/explanations';

describe('renderAttentionMatrixImage (golden, pixel-exact)', () => {
  it('draws the matrix with row labels, rotated column labels and a legend', () => {
    const { image, colorScale } = renderAttentionMatrixImage(attention(6), TOKENS, { title: 'layer 0' });
    expect(colorScale.colormap).toBe('viridis');
    expectGoldenPng('attention-matrix', image);
  });

  it('accepts flat row-major values and checks sizes', () => {
    const flat = attention(6).flat();
    expect(Buffer.from(renderAttentionMatrixPng(flat, TOKENS)).equals(renderAttentionMatrixPng(attention(6), TOKENS))).toBe(true);
    expect(() => renderAttentionMatrixImage([1, 2, 3], TOKENS)).toThrow(/36/);
  });
});

describe('renderLegend (golden, pixel-exact)', () => {
  it('signed, absolute and relative legends', () => {
    expectGoldenPng('legend-signed', renderLegend(colorScaleFor([-0.0042, 0.003]), { width: 120 }));
    expectGoldenPng('legend-absolute', renderLegend(colorScaleFor([0, 12.5], { clip: 100, colormap: 'magma' }), { width: 120 }));
    expectGoldenPng('legend-relative', renderLegend(colorScaleFor([-1, 1]), { width: 120, relative: true }));
  });
});
