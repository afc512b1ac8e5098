import { colorScaleFor, scalePosition, type ColorScale, type ColorScaleOptions } from './ColorScale';
import { colorIndex, colormap } from './colormaps';
import { createImage, type Image } from './Image';
import { upscale } from './imageOps';

/** A coloured picture of values together with the scale that coloured it (for legends). */
export interface Heatmap {
  image: Image;
  colorScale: ColorScale;
}

/** Options of {@link renderHeatmap}. */
export interface HeatmapOptions extends ColorScaleOptions {
  /** Integer magnification, each value becomes `scale × scale` pixels (default 1). */
  scale?: number | undefined;
}

/**
 * Colours a `height × width` grid of values (row-major) with a colour map: signed values on a
 * diverging map centred on zero, absolute ones on a sequential map, clipped at a percentile (see
 * {@link colorScaleFor}).
 *
 * @example
 * ```ts
 * const { image, colorScale } = renderHeatmap(attr, 28, 28, { scale: 4 });
 * const png = encodePng(image);
 * ```
 */
export function renderHeatmap(values: ArrayLike<number>, width: number, height: number, options: HeatmapOptions = {}): Heatmap {
  if (values.length !== width * height) {
    throw new RangeError(`renderHeatmap: ${values.length} values do not fill ${width}×${height}`);
  }
  const s = colorScaleFor(values, options);
  const map = colormap(s.colormap);
  const img = createImage(width, height);
  for (let p = 0; p < values.length; p++) {
    const k = colorIndex(map, scalePosition(s, values[p]!)) * 3;
    img.data[p * 4] = map.lut[k]!;
    img.data[p * 4 + 1] = map.lut[k + 1]!;
    img.data[p * 4 + 2] = map.lut[k + 2]!;
    img.data[p * 4 + 3] = 255;
  }
  return { image: upscale(img, options.scale ?? 1), colorScale: s };
}
