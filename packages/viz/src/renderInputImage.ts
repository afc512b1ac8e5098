import type { Explanation } from '@glassbox/core';
import { spatialShape } from './spatialShape';
import { createImage, type Image } from './Image';
import { invalidInput } from './vizError';

/**
 * Example `example`'s input as a picture: one channel → grey, three or four → RGB. Values in [0, 1]
 * are scaled by 255, values in [0, 255] are kept, anything else is min–max normalised.
 *
 * @example
 * ```ts
 * const digit = renderInputImage(e, 0, { imageShape: [28, 28] }); // 28×28 grey
 * ```
 */
export function renderInputImage(e: Pick<Explanation, 'inputs' | 'inputShape'>, example = 0, options: { imageShape?: number[] | undefined } = {}): Image {
  const batch = e.inputShape[0] ?? 0;
  if (!(example >= 0 && example < batch)) throw invalidInput(`Example ${example} is out of range; the inputs hold ${batch}`, { example, batch });
  const { height, width, channels } = spatialShape(e.inputShape.slice(1), options.imageShape);
  const size = height * width * channels;
  const src = e.inputs.subarray(example * size, (example + 1) * size);
  let lo = Infinity, hi = -Infinity;
  for (const v of src) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const [off, mul] = lo >= 0 && hi <= 1 ? [0, 255] : lo >= 0 && hi <= 255 ? [0, 1] : hi > lo ? [lo, 255 / (hi - lo)] : [lo, 0];
  const img = createImage(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) img.data[p * 4 + c] = (src[p * channels + (channels >= 3 ? c : 0)]! - off) * mul;
    img.data[p * 4 + 3] = 255;
  }
  return img;
}
