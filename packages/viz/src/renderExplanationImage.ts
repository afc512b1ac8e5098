import type { Explanation } from '@glassbox/core';
import { attributionGrid } from './attributionGrid';
import { colorScaleFor, scalePosition, type ColorScaleOptions } from './ColorScale';
import type { Heatmap } from './renderHeatmap';
import { renderHeatmap } from './renderHeatmap';
import { renderInputImage } from './renderInputImage';
import { renderLegend } from './renderLegend';
import { blend, upscale } from './imageOps';
import { stackImages } from './stackImages';
import { invalidInput } from './vizError';
import type { Image } from './Image';
import { renderPhotoOverlay } from './renderPhotoOverlay';

/** Options of {@link renderExplanationImage} / {@link renderExplanationPng}. */
export interface ExplanationImageOptions extends ColorScaleOptions {
  /** Which example of the batch (default 0). */
  example?: number | undefined;
  /** How to view flat inputs/attributions as images, e.g. `[28, 28]`. */
  imageShape?: number[] | undefined;
  /** Integer magnification (default: the smallest making the longer side ≥ 112 px). */
  scale?: number | undefined;
  /** Draw over the input image: `true` (opacity 0.6) or an opacity in [0, 1]. Default false. */
  overlay?: boolean | number | undefined;
  /**
   * `constant`: the heatmap covers the input at `opacity` everywhere; `magnitude`: opacity grows
   * with |value| so the input shows through where attributions are near zero. Default: `magnitude`
   * for signed scales, `constant` for absolute ones.
   */
  overlayMode?: 'constant' | 'magnitude' | undefined;
  /** Colour bar with the scale below the picture (default true). */
  legend?: boolean | undefined;
  /** Title line above the picture (default none). */
  title?: string | undefined;
  /**
   * The original photos, per example, that the inputs were made from (before resizing and
   * normalising). With `overlay`, the heatmap is drawn over the photo ({@link renderPhotoOverlay}).
   */
  photos?: readonly (Image | undefined)[] | undefined;
}

/** Smallest integer magnification making the longer side at least `target` pixels. */
export function autoScale(width: number, height: number, target = 112): number {
  return Math.max(1, Math.ceil(target / Math.max(1, width, height)));
}

/**
 * Pictures one example of an image-shaped explanation (`attribution` or `layer-attribution`): a
 * heatmap (diverging and centred on zero when signed, viridis when absolute, clipped at the 99th
 * percentile by default), optionally over the input, with a legend. Returns the image and its scale.
 *
 * @example
 * ```ts
 * const { image } = renderExplanationImage(e, { example: 2, overlay: 0.5, imageShape: [28, 28] });
 * ctx.putImageData(new ImageData(image.data, image.width), 0, 0); // browser
 * ```
 */
export function renderExplanationImage(e: Explanation, options: ExplanationImageOptions = {}): Heatmap {
  if (e.kind !== 'attribution' && e.kind !== 'layer-attribution') {
    throw invalidInput(`renderExplanationImage draws image attributions; got a "${e.kind}" explanation`, { kind: e.kind });
  }
  const example = options.example ?? 0;
  const photo = options.photos?.[example];
  if (photo && options.overlay !== undefined && options.overlay !== false) return renderPhotoOverlay(e, photo, options);
  const grid = attributionGrid(e, example, { imageShape: options.imageShape, signed: options.signed !== false });
  const colorScale = colorScaleFor(grid.values, options);
  let picture = renderHeatmap(grid.values, grid.width, grid.height, { ...options, range: [colorScale.min, colorScale.max], signed: colorScale.signed, colormap: colorScale.colormap, scale: 1 }).image;
  if (options.overlay !== undefined && options.overlay !== false) {
    const opacity = options.overlay === true ? 0.6 : options.overlay;
    const base = renderInputImage(e, example, { imageShape: options.imageShape });
    if (base.width !== grid.width || base.height !== grid.height) {
      throw invalidInput(`Cannot overlay a ${grid.width}×${grid.height} map on a ${base.width}×${base.height} input`);
    }
    const mode = options.overlayMode ?? (colorScale.signed ? 'magnitude' : 'constant');
    const alpha = mode === 'magnitude'
      ? Array.from(grid.values, (v) => { const t = scalePosition(colorScale, v); return colorScale.signed ? Math.abs(t - 0.5) * 2 : t; })
      : undefined;
    picture = blend(base, picture, opacity, alpha);
  }
  const image = upscale(picture, options.scale ?? autoScale(grid.width, grid.height));
  const parts = [image];
  if (options.legend !== false) parts.push(renderLegend({ ...colorScale }, { width: Math.max(image.width, 84) }));
  return { image: stackImages(parts, { title: options.title }), colorScale };
}
