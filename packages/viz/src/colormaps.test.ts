import { describe, expect, it } from 'vitest';
import { colorAt, colormap, cssColorAt } from './colormaps';

describe('colormap', () => {
  it('has matplotlib viridis and magma end points (256 entries)', () => {
    expect(colormap('viridis').size).toBe(256);
    expect(cssColorAt(colormap('viridis'), 0)).toBe('#440154');
    expect(cssColorAt(colormap('viridis'), 1)).toBe('#fde725');
    expect(cssColorAt(colormap('magma'), 0)).toBe('#000004');
    expect(cssColorAt(colormap('magma'), 1)).toBe('#fcfdbf');
  });

  it('centres the diverging map exactly on ColorBrewer RdBu’s neutral, blue negative, red positive', () => {
    const m = colormap('rdbu');
    expect(m.kind).toBe('diverging');
    expect(m.size % 2).toBe(1);
    expect(cssColorAt(m, 0.5)).toBe('#f7f7f7');
    expect(cssColorAt(m, 0)).toBe('#053061');
    expect(cssColorAt(m, 1)).toBe('#67001f');
  });

  it('is monotone in lightness for the sequential maps (perceptual ordering)', () => {
    for (const name of ['viridis', 'magma', 'gray'] as const) {
      const m = colormap(name);
      let prev = -1;
      for (let i = 0; i < m.size; i += 8) {
        const [r, g, b] = colorAt(m, i / (m.size - 1));
        const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        expect(y).toBeGreaterThan(prev - 1);
        prev = y;
      }
    }
  });

  it('clamps positions and rejects unknown names', () => {
    expect(colorAt(colormap('viridis'), -3)).toEqual(colorAt(colormap('viridis'), 0));
    expect(colorAt(colormap('viridis'), Number.NaN)).toEqual(colorAt(colormap('viridis'), 0));
    expect(() => colormap('jet' as never)).toThrow(/Unknown colour map/);
  });
});
