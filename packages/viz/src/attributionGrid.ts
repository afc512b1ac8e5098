import type { Explanation } from '@glassbox/core';
import { spatialShape } from './spatialShape';
import { resizeValues } from './resizeValues';
import { invalidInput } from './vizError';

/** One example's attributions as a 2-D grid of values. */
export interface ValueGrid {
  values: Float32Array;
  width: number;
  height: number;
}

/** Options of {@link attributionGrid}. */
export interface AttributionGridOptions {
  /** How to view each example's values, e.g. `[28, 28]` for a flat 784-vector. */
  imageShape?: number[] | undefined;
  /** Sum channels keeping signs (true) or sum their absolute values (false). Default: signed. */
  signed?: boolean | undefined;
  /** Resample to this size (`[h, w]`), e.g. a Grad-CAM grid up to the input's size. */
  resizeTo?: [number, number] | undefined;
}

/**
 * Example `example`'s attributions as a `height × width` grid: channels (last axis) are summed,
 * signed or absolute. `layer-attribution` grids are resampled to the input's size when the input
 * is an image of the same aspect (`resizeTo` overrides).
 *
 * @example
 * ```ts
 * const { values, width, height } = attributionGrid(e, 0, { imageShape: [28, 28] });
 * ```
 */
export function attributionGrid(e: Explanation, example = 0, options: AttributionGridOptions = {}): ValueGrid {
  const batch = e.attributionShape[0] ?? 0;
  if (!(example >= 0 && example < batch)) throw invalidInput(`Example ${example} is out of range; the explanation has ${batch}`, { example, batch });
  const per = e.attributionShape.slice(1);
  const { height, width, channels } = spatialShape(per, e.kind === 'attribution' ? options.imageShape : undefined);
  const size = height * width * channels;
  const src = e.attributions.subarray(example * size, (example + 1) * size);
  let values: Float32Array = new Float32Array(height * width);
  const signed = options.signed ?? true;
  for (let p = 0; p < values.length; p++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += signed ? src[p * channels + c]! : Math.abs(src[p * channels + c]!);
    values[p] = s;
  }
  let target = options.resizeTo;
  if (!target && e.kind === 'layer-attribution') {
    try {
      const input = spatialShape(e.inputShape.slice(1), options.imageShape);
      if (input.height !== height || input.width !== width) target = [input.height, input.width];
    } catch { /* the input is not an image: keep the layer's grid */ }
  }
  if (target && (target[0] !== height || target[1] !== width)) {
    values = resizeValues(values, height, width, target[0], target[1]);
    return { values, height: target[0], width: target[1] };
  }
  return { values, width, height };
}
