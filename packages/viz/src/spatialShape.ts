import { invalidInput } from './vizError';

/** Height, width and channels of one example laid out as an image (channels-last). */
export interface SpatialShape {
  height: number;
  width: number;
  channels: number;
}

/**
 * Reads a per-example shape as an image: `[h, w]`, `[h, w, c]` (channels-last, as tfjs), or any
 * shape when `imageShape` (`[h, w]` or `[h, w, c]`) says how to view its values — e.g. a flat
 * 784-vector as `[28, 28]`.
 *
 * @example `spatialShape([784], [28, 28]); // { height: 28, width: 28, channels: 1 }`
 */
export function spatialShape(perExample: readonly number[], imageShape?: readonly number[]): SpatialShape {
  const size = perExample.reduce((a, b) => a * b, 1);
  const s = imageShape ?? perExample;
  if (s.length === 2 || s.length === 3) {
    const [height, width, channels = 1] = s;
    if (height !== undefined && width !== undefined && height * width * channels === size) return { height, width, channels };
  }
  throw invalidInput(
    imageShape
      ? `imageShape [${imageShape.join(', ')}] does not hold the ${size} values of shape [${perExample.join(', ')}]`
      : `Shape [${perExample.join(', ')}] is not an image; pass imageShape (e.g. [28, 28]) to view it as one`,
    { shape: [...perExample], imageShape: imageShape ? [...imageShape] : undefined },
  );
}
