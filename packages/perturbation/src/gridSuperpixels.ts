import { InvalidOptionError, type TensorValue } from '@glassbox/core';

/**
 * A feature mask of square superpixels for an image input `[H, W, …]` (channels-last): cells of
 * `side × side` pixels numbered row by row; all channels of a pixel share its cell. Use as a
 * `featureMask` for perturbation methods on images.
 *
 * @example
 * ```ts
 * gridSuperpixels([28, 28, 1], 7); // 16 groups of 7×7 pixels
 * ```
 */
export function gridSuperpixels(inputShape: readonly number[], side: number): TensorValue {
  if (inputShape.length < 2) throw new InvalidOptionError(`Superpixels need an image input [H, W, …]; the input shape is [${inputShape.join(', ')}]`, { option: 'superpixels' });
  const [h, w, ...rest] = inputShape as [number, number, ...number[]];
  const channels = rest.reduce((a, b) => a * b, 1);
  const cols = Math.ceil(w / side);
  const values: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < channels; c++) values.push(Math.floor(y / side) * cols + Math.floor(x / side));
  return { values, shape: [...inputShape] };
}
