import type { Explanation } from '@glassbox/core';
import {
  attributionGrid, blend, colorScaleFor, renderHeatmap, renderInputImage, renderLegend, scalePosition,
  type ColorScale, type Image,
} from '@glassbox/viz';

/** Options of {@link paintExplanation}. */
export interface PaintOptions {
  /** Signed attributions on a diverging map (IG) or absolute on viridis (saliency). */
  signed: boolean;
  /** Draw over the digit with this opacity (0: the heatmap alone). */
  overlay: number;
}

/**
 * Paints one example's attributions onto `heatmap` (one canvas pixel per input pixel; CSS enlarges
 * it) and the colour bar with its scale onto `legend`, with `@glassbox/viz`: clipped at the 99th
 * percentile, diverging and centred on zero when signed. Returns the scale used.
 *
 * @example `paintExplanation(e, heatCanvas, legendCanvas, { signed: true, overlay: 0 });`
 */
export function paintExplanation(e: Explanation, heatmap: HTMLCanvasElement, legend: HTMLCanvasElement, options: PaintOptions): ColorScale {
  const grid = attributionGrid(e, 0, { imageShape: [28, 28], signed: options.signed });
  const scale = colorScaleFor(grid.values, { signed: options.signed });
  let picture = renderHeatmap(grid.values, grid.width, grid.height, { range: [scale.min, scale.max], signed: scale.signed, colormap: scale.colormap }).image;
  if (options.overlay > 0) {
    const digit = renderInputImage(e, 0, { imageShape: [28, 28] });
    // Signed maps fade to the digit where attributions are near zero; absolute ones cover it evenly.
    const alpha = scale.signed ? Array.from(grid.values, (v) => Math.abs(scalePosition(scale, v) - 0.5) * 2) : undefined;
    picture = blend(digit, picture, options.overlay, alpha);
  }
  put(heatmap, picture);
  put(legend, renderLegend(scale, { width: legend.width }));
  return scale;
}

function put(canvas: HTMLCanvasElement, image: Image): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a 2-D canvas');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
}
