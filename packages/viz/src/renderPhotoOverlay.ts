import type { Explanation } from '@glassbox/core';
import { attributionGrid } from './attributionGrid';
import { colorScaleFor, scalePosition } from './ColorScale';
import { createImage, type Image } from './Image';
import { blend, upscale } from './imageOps';
import type { ExplanationImageOptions } from './renderExplanationImage';
import type { Heatmap } from './renderHeatmap';
import { renderHeatmap } from './renderHeatmap';
import { renderLegend } from './renderLegend';
import { resampleBilinear } from './resampleBilinear';
import { stackImages } from './stackImages';

/** Options of {@link renderPhotoOverlay}. */
export interface PhotoOverlayOptions extends Omit<ExplanationImageOptions, 'photos' | 'scale'> {
  /** Longest side of the picture in pixels; larger photos are shrunk (default 448). */
  maxSide?: number | undefined;
  /** Photos whose longer side is under this are enlarged by a whole factor, crisp (default 224). */
  minSide?: number | undefined;
}

/** `photo` shrunk (antialiased) so that its longer side is at most `maxSide`. */
export function fitPhoto(photo: Image, maxSide: number): Image {
  const f = Math.min(1, maxSide / Math.max(1, photo.width, photo.height));
  if (f === 1) return photo;
  const width = Math.max(1, Math.round(photo.width * f)), height = Math.max(1, Math.round(photo.height * f));
  const rgba = resampleBilinear(photo.data, photo.height, photo.width, 4, height, width);
  const out = createImage(width, height);
  out.data.set(rgba);
  return out;
}

/**
 * One example's heatmap over the original photo (the picture before resizing and normalising):
 * the attributions (summed over channels; a Grad-CAM grid too) are resampled bilinearly to the
 * photo's size, coloured as {@link renderExplanationImage} does, and blended over it — by default
 * (`overlayMode: 'magnitude'`, for signed and absolute maps alike) more opaque where |value| is
 * larger, so the photo shows through where attributions are small.
 *
 * @example
 * ```ts
 * const { image } = renderPhotoOverlay(e, decodeImage(jpegBytes), { example: 0, title: 'china.jpg' });
 * ```
 */
export function renderPhotoOverlay(e: Explanation, photo: Image, options: PhotoOverlayOptions = {}): Heatmap {
  const grid = attributionGrid(e, options.example ?? 0, { imageShape: options.imageShape, signed: options.signed !== false });
  const colorScale = colorScaleFor(grid.values, options);
  let base = fitPhoto(photo, options.maxSide ?? 448);
  const grow = Math.max(1, Math.floor((options.minSide ?? 224) / Math.max(1, base.width, base.height)));
  if (grow > 1) base = upscale(base, grow); // small pictures (a 28×28 digit) stay readable, title included
  const values = resampleBilinear(grid.values, grid.height, grid.width, 1, base.height, base.width);
  const heat = renderHeatmap(values, base.width, base.height, { range: [colorScale.min, colorScale.max], signed: colorScale.signed, colormap: colorScale.colormap }).image;
  const opacity = typeof options.overlay === 'number' ? options.overlay : 0.6;
  // On photos, colour only where attributions are large (absolute maps too), so the photo stays readable.
  const mode = options.overlayMode ?? 'magnitude';
  const alpha = mode === 'magnitude'
    ? Array.from(values, (v) => { const t = scalePosition(colorScale, v); return colorScale.signed ? Math.abs(t - 0.5) * 2 : t; })
    : undefined;
  const parts = [blend(base, heat, opacity, alpha)];
  if (options.legend !== false) parts.push(renderLegend({ ...colorScale }, { width: Math.max(parts[0]!.width, 84) }));
  return { image: stackImages(parts, { title: options.title }), colorScale };
}
