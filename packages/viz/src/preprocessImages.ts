import type { InputPreprocessing } from '@glassbox/core';
import type { Image } from './Image';
import { resampleBilinear } from './resampleBilinear';
import { invalidInput, invalidOption } from './vizError';

/** Options of {@link preprocessImages}; each is recorded in the result's `preprocessing`. */
export interface ImagePreprocessOptions {
  /** Channel order of the tensor (default `rgb`); `gray` is one channel of ITU-R BT.601 luma. */
  channels?: 'rgb' | 'bgr' | 'gray' | undefined;
  /** `[height, width]` to resize every picture to (bilinear, antialiased when shrinking). Default: none. */
  resize?: readonly [number, number] | undefined;
  /** Factor for the 0–255 values (default 1/255: values in [0, 1]). */
  scale?: number | undefined;
  /** `(x − mean) / std` after scaling: one number for every channel, or one per channel. */
  normalize?: { mean: number | readonly number[]; std: number | readonly number[] } | undefined;
}

/** A batch of pictures as model input, with the record of how it was made. */
export interface PreprocessedImages {
  values: Float32Array;
  /** `[batch, height, width, channels]`. */
  shape: [number, number, number, number];
  preprocessing: InputPreprocessing;
}

const perChannel = (v: number | readonly number[], c: number, what: string): number[] => {
  const list = typeof v === 'number' ? [v] : [...v];
  if (list.length !== 1 && list.length !== c) throw invalidOption(`normalize ${what}: expected 1 or ${c} values (one per channel); got ${list.length}`, { [what]: list });
  if (list.some((x) => !Number.isFinite(x))) throw invalidOption(`normalize ${what}: expected finite numbers; got ${list.join(',')}`, { [what]: list });
  return list.length === 1 ? Array.from({ length: c }, () => list[0]!) : list;
};

/**
 * Turns decoded pictures into one NHWC float batch: channel order, resize, scale, normalise (in
 * that order), and records each step with the source names and sizes so that an explanation says
 * exactly what the model saw. Pure computation: browsers and Node share it.
 *
 * @example
 * ```ts
 * const { values, shape, preprocessing } = preprocessImages(
 *   [{ name: 'cat.jpg', image: decodeImage(bytes) }],
 *   { resize: [224, 224], normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
 * ); // shape [1, 224, 224, 3]
 * ```
 */
export function preprocessImages(images: readonly { name: string; image: Image }[], options: ImagePreprocessOptions = {}): PreprocessedImages {
  const channels = options.channels ?? 'rgb';
  if (!['rgb', 'bgr', 'gray'].includes(channels)) throw invalidOption(`channels "${String(channels)}": expected rgb, bgr or gray`, { channels });
  const c = channels === 'gray' ? 1 : 3;
  const scale = options.scale ?? 1 / 255;
  if (!Number.isFinite(scale) || scale <= 0) throw invalidOption(`scale ${scale}: expected a finite number above 0 (1/255 maps 0–255 to [0, 1])`, { scale });
  const resize = options.resize ? ([...options.resize] as [number, number]) : null;
  if (resize && (resize.length !== 2 || resize.some((d) => !Number.isInteger(d) || d < 1 || d > 16384))) {
    throw invalidOption(`resize ${resize.join(',')}: expected a height and a width, integers in [1, 16384]`, { resize });
  }
  const mean = options.normalize ? perChannel(options.normalize.mean, c, 'mean') : undefined;
  const std = options.normalize ? perChannel(options.normalize.std, c, 'std') : undefined;
  if (std?.some((s) => s === 0)) throw invalidOption(`normalize std: expected non-zero numbers; got ${std.join(',')}`, { std });
  const [head] = images;
  if (!head) throw invalidInput('No pictures to preprocess', {});
  const first = head.image;
  const [h, w] = resize ?? [first.height, first.width];
  if (!resize) {
    const odd = images.find(({ image }) => image.width !== first.width || image.height !== first.height);
    if (odd) {
      throw invalidInput(`${odd.name} is ${odd.image.width}×${odd.image.height} but ${head.name} is ${first.width}×${first.height}; give a size to resize them all to`, {
        sizes: images.map(({ name, image }) => `${name} ${image.width}×${image.height}`),
      });
    }
  }
  const per = h * w * c;
  const values = new Float32Array(images.length * per);
  for (const [n, { image }] of images.entries()) {
    const px = image.width * image.height;
    const raw = new Float32Array(px * c);
    for (let p = 0; p < px; p++) {
      const r = image.data[p * 4]!, g = image.data[p * 4 + 1]!, b = image.data[p * 4 + 2]!;
      if (c === 1) raw[p] = 0.299 * r + 0.587 * g + 0.114 * b;
      else if (channels === 'bgr') raw.set([b, g, r], p * 3);
      else raw.set([r, g, b], p * 3);
    }
    const sized = image.height === h && image.width === w ? raw : resampleBilinear(raw, image.height, image.width, c, h, w);
    const out = values.subarray(n * per, (n + 1) * per);
    for (let i = 0; i < per; i++) {
      const k = i % c;
      out[i] = mean && std ? (sized[i]! * scale - mean[k]!) / std[k]! : sized[i]! * scale;
    }
  }
  return {
    values,
    shape: [images.length, h, w, c],
    preprocessing: {
      sources: images.map(({ name, image }) => ({ name, width: image.width, height: image.height })),
      channels,
      resize,
      resizeMethod: 'bilinear',
      scale,
      normalize: mean && std ? { mean, std } : null,
      layout: 'NHWC',
    },
  };
}
