import { MAGMA_HEX, RDBU_HEX, VIRIDIS_HEX } from './colormapData';
import type { Rgba } from './Image';

/** Names of the built-in colour maps. */
export type ColormapName = 'viridis' | 'magma' | 'rdbu' | 'gray';

/**
 * A colour map as a lookup table. `sequential` maps run from low to high; `diverging` ones have a
 * neutral centre (index `(size - 1) / 2`, an exact entry) meant for zero.
 */
export interface Colormap {
  name: ColormapName;
  kind: 'sequential' | 'diverging';
  /** Number of entries. */
  size: number;
  /** `size × 3` bytes, RGB. */
  lut: Uint8Array;
}

const cache = new Map<ColormapName, Colormap>();

function fromHex(name: ColormapName, kind: Colormap['kind'], hex: string): Colormap {
  const size = hex.length / 6;
  const lut = new Uint8Array(size * 3);
  for (let i = 0; i < size * 3; i++) lut[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { name, kind, size, lut };
}

/**
 * The built-in colour maps: `viridis` (default for absolute attributions), `magma` (sequential),
 * `gray` (for inputs) and `rdbu` (default for signed attributions: blue negative, white zero, red
 * positive; ColorBrewer RdBu, colour-blind safe). See `colormapData.ts` for sources.
 *
 * @example
 * ```ts
 * colormap('viridis').size;     // 256
 * colorAt(colormap('rdbu'), 0.5); // [247, 247, 247, 255], the zero colour
 * ```
 */
export function colormap(name: ColormapName): Colormap {
  let m = cache.get(name);
  if (!m) {
    if (name === 'viridis') m = fromHex(name, 'sequential', VIRIDIS_HEX);
    else if (name === 'magma') m = fromHex(name, 'sequential', MAGMA_HEX);
    else if (name === 'rdbu') m = fromHex(name, 'diverging', RDBU_HEX);
    else if (name === 'gray') {
      const lut = new Uint8Array(256 * 3);
      for (let i = 0; i < 768; i++) lut[i] = Math.floor(i / 3);
      m = { name, kind: 'sequential', size: 256, lut };
    } else throw new RangeError(`Unknown colour map "${String(name)}"; known: viridis, magma, rdbu, gray`);
    cache.set(name, m);
  }
  return m;
}

/** LUT index for `t` in [0, 1] (clamped; NaN → 0): `round(t × (size − 1))`. */
export function colorIndex(map: Colormap, t: number): number {
  const c = t > 0 ? (t < 1 ? t : 1) : 0;
  return Math.round(c * (map.size - 1));
}

/**
 * The colour of `t` in [0, 1] (clamped).
 * @example `colorAt(colormap('viridis'), 1); // [253, 231, 37, 255]`
 */
export function colorAt(map: Colormap, t: number): Rgba {
  const i = colorIndex(map, t) * 3;
  return [map.lut[i]!, map.lut[i + 1]!, map.lut[i + 2]!, 255];
}

/** `#rrggbb` of `t` in [0, 1], for SVG and HTML. */
export function cssColorAt(map: Colormap, t: number): string {
  const [r, g, b] = colorAt(map, t);
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
