import { InvalidOptionError, type Explanation } from '@glassbox/core';
import type { Image, RenderFormat } from '@glassbox/viz';
import { withoutUndefined } from '../withoutUndefined';

/**
 * How to view a flat input as an image: `--image-shape h,w`, or a square guess for flat inputs of
 * at least 8×8 values (784 → 28×28); undefined for inputs that already have spatial dimensions.
 */
export function imageShapeFor(e: Explanation, flag: string | undefined): number[] | undefined {
  if (flag !== undefined) {
    const dims = flag.split(',').map(Number);
    if (dims.length < 2 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new InvalidOptionError(`--image-shape ${flag}: expected two or three positive integers such as 28,28`);
    }
    return dims;
  }
  const per = e.inputShape.slice(1);
  if (per.length !== 1) return undefined;
  const side = Math.round(Math.sqrt(per[0]!));
  return side * side === per[0] && side >= 8 ? [side, side] : undefined;
}

/**
 * Renders an explanation for `--out file.<format>` (the picture chosen by viz's kind × format
 * table). With `photos` (inputs read from pictures), PNG and HTML draw the heatmaps over the
 * original photos, and a PNG without `--example` shows every photo, one below the other.
 */
export async function renderOutput(
  e: Explanation,
  ext: string,
  options: { example?: number | undefined; imageShape?: number[] | undefined; photos?: Image[] | undefined } = {},
): Promise<Uint8Array | string> {
  const { encodePng, explanationTitle, renderExplanation, renderExplanationImage, stackImages } = await import('@glassbox/viz'); // only pictures need it
  const format = ext.slice(1) as RenderFormat;
  const photos = options.photos;
  if (photos && format === 'png' && (e.kind === 'attribution' || e.kind === 'layer-attribution')) {
    const examples = options.example === undefined ? photos.map((_, i) => i) : [options.example];
    return encodePng(stackImages(examples.map((i) => renderExplanationImage(e, withoutUndefined({ example: i, photos, overlay: true as const, imageShape: options.imageShape, title: explanationTitle(e, i) })).image), { gap: 12 }));
  }
  return renderExplanation(e, withoutUndefined({ format, example: options.example, imageShape: options.imageShape, photos, overlay: photos ? (true as const) : undefined })).data;
}
