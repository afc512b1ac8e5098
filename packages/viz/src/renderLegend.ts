import { formatNumber, type ColorScale } from './ColorScale';
import { colorAt, colormap } from './colormaps';
import { drawText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { createImage, INK, WHITE, type Image } from './Image';
import { fillRect } from './imageOps';

/** Options of {@link renderLegend}. */
export interface LegendOptions {
  /** Width in pixels (default 112). */
  width?: number | undefined;
  /** Height of the colour bar (default 8). */
  barHeight?: number | undefined;
  /**
   * Label the ends in percent of each picture's own range instead of numbers, for a legend shared
   * by pictures that were scaled separately (default false).
   */
  relative?: boolean | undefined;
}

/**
 * A colour bar with its scale written below (ends, and zero for signed scales), drawn with the
 * built-in font so the PNG explains itself.
 *
 * @example
 * ```ts
 * const legend = renderLegend(heat.colorScale, { width: heat.image.width });
 * ```
 */
export function renderLegend(scale: ColorScale, options: LegendOptions = {}): Image {
  const width = Math.max(24, options.width ?? 112), bar = options.barHeight ?? 8;
  const img = createImage(width, bar + 4 + GLYPH_HEIGHT, WHITE);
  const map = colormap(scale.colormap);
  for (let x = 0; x < width; x++) fillRect(img, x, 0, 1, bar, colorAt(map, width === 1 ? 0 : x / (width - 1)));
  const labels: [string, string, string] = options.relative
    ? scale.signed ? ['-100%', '0', '+100%'] : ['0', '', '100%']
    : scale.signed ? [formatNumber(scale.min), '0', formatNumber(scale.max)] : [formatNumber(scale.min), '', formatNumber(scale.max)];
  const y = bar + 3;
  fillRect(img, 0, bar, 1, 2, INK);
  fillRect(img, width - 1, bar, 1, 2, INK);
  drawText(img, labels[0], 0, y, INK);
  drawText(img, labels[2], width - textWidth(labels[2]), y, INK);
  const mid = textWidth(labels[1]);
  if (mid > 0) {
    fillRect(img, Math.floor((width - 1) / 2), bar, 1, 2, INK);
    const left = textWidth(labels[0]) + 3, right = width - textWidth(labels[2]) - 3;
    const x = Math.floor((width - mid) / 2);
    if (x >= left && x + mid <= right) drawText(img, labels[1], x, y, INK);
  }
  return img;
}
