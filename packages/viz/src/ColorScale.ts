import { colormap, type ColormapName } from './colormaps';
import { percentile } from '@glassbox/core/numeric';

/**
 * How values map to colours. Signed scales are symmetric, `[-m, m]` with zero at the colour map's
 * neutral centre; unsigned scales run `[0, m]` over absolute values. `m` is the `clip`-th
 * percentile of the absolute values, so a few extreme pixels cannot wash out the picture.
 */
export interface ColorScale {
  signed: boolean;
  min: number;
  max: number;
  colormap: ColormapName;
  /** Percentile (0–100] of |value| used for the range; 100 = the maximum. */
  clip: number;
}

/** Options shared by every heatmap renderer. */
export interface ColorScaleOptions {
  /** Signed (diverging map, centred on zero) or absolute (sequential). Default: signed when any value < 0. */
  signed?: boolean | undefined;
  /** Percentile of |value| that becomes the end of the scale (default 99; 100 = no clipping). */
  clip?: number | undefined;
  /** Colour map (default `rdbu` when signed, `viridis` otherwise). */
  colormap?: ColormapName | undefined;
  /** Fixed `[min, max]` instead of percentile clipping, e.g. one range shared by a column of a grid. */
  range?: [number, number] | undefined;
}

/**
 * Chooses a colour scale for `values` (see {@link ColorScale}).
 *
 * @example
 * ```ts
 * colorScaleFor([-2, 0.5, 1]);                 // signed, [-1.97, 1.97] (p99 of |v|), rdbu
 * colorScaleFor([0, 1, 10], { clip: 100 });    // unsigned, [0, 10], viridis
 * colorScaleFor(v, { range: [-1, 1] });        // fixed range
 * ```
 */
export function colorScaleFor(values: ArrayLike<number>, options: ColorScaleOptions = {}): ColorScale {
  const clip = options.clip ?? 99;
  if (!(clip > 0 && clip <= 100)) throw new RangeError(`clip must be a percentile in (0, 100]; got ${clip}`);
  let anyNegative = false;
  for (let i = 0; i < values.length; i++) if (values[i]! < 0) { anyNegative = true; break; }
  const signed = options.signed ?? (options.range ? options.range[0] < 0 : anyNegative);
  const name = options.colormap ?? (signed ? 'rdbu' : 'viridis');
  colormap(name); // validates the name
  if (options.range) {
    const [min, max] = options.range;
    if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) throw new RangeError(`range must be finite [min, max]; got [${min}, ${max}]`);
    return { signed, min, max, colormap: name, clip };
  }
  const abs = Float64Array.from(values, (v) => (Number.isFinite(v) ? Math.abs(v) : 0));
  const m = percentile(abs, clip);
  return { signed, min: signed ? -m : 0, max: m, colormap: name, clip };
}

/**
 * Position of `v` on the scale, in [0, 1]. Unsigned scales take |v|; a degenerate range maps
 * everything to the neutral point (0.5 signed, 0 unsigned).
 */
export function scalePosition(s: ColorScale, v: number): number {
  if (!Number.isFinite(v)) return s.signed ? 0.5 : 0;
  const x = s.signed ? v : Math.abs(v);
  const span = s.max - s.min;
  if (!(span > 0)) return s.signed ? 0.5 : 0;
  if (s.signed && s.min === -s.max) return Math.min(1, Math.max(0, 0.5 + x / (2 * s.max)));
  return Math.min(1, Math.max(0, (x - s.min) / span));
}

/**
 * A short label for a number with `digits` significant digits (default 2, at most about 7
 * characters): `0`, `0.25`, `12`, `1.5e-3`, `-2.1e+4`.
 * @example `formatNumber(0.000153); // '1.5e-4'`; `formatNumber(4.95, 3); // '4.95'`
 */
export function formatNumber(v: number, digits = 2): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '0' : String(v);
  const a = Math.abs(v);
  if (a >= 10 ** (digits + 2) || a < 1e-2) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  if (a >= 10 ** digits) return String(Math.round(v));
  return String(Number(v.toPrecision(digits)));
}
