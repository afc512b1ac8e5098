import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { run } from './wasmKernel';

/** How to compute an input gradient as a forward convolution of the (dilated) output gradient. */
export interface FullConvolutionPlan {
  /** Explicit NHWC padding of the dilated gradient, all non-negative. */
  pad: [[0, 0], [number, number], [number, number], [0, 0]];
  strideHeight: number;
  strideWidth: number;
}

/**
 * For a forward convolution described by `info`, the input gradient is the correlation of the
 * output gradient, dilated by the stride, with the spatially flipped filter: pad the dilated
 * gradient by `effectiveFilter − 1 − padBefore` before and by `in − dilatedLength + padBefore`
 * after, so that a stride-1 convolution returns exactly `in` rows and columns. `null` when one of
 * those paddings is negative (exotic explicit paddings), where the caller keeps the stock kernel.
 * The zeros that {@link dilate} appends after the last row and column are taken off the far pad.
 */
export function planFullConvolution(info: backend_util.Conv2DInfo): FullConvolutionPlan | null {
  const { strideHeight: sh, strideWidth: sw, outHeight, outWidth, inHeight, inWidth, padInfo } = info;
  const dilatedH = outHeight * sh; // includes sh − 1 trailing zero rows
  const dilatedW = outWidth * sw;
  const top = info.effectiveFilterHeight - 1 - padInfo.top;
  const left = info.effectiveFilterWidth - 1 - padInfo.left;
  const bottom = inHeight + info.effectiveFilterHeight - 1 - top - dilatedH;
  const right = inWidth + info.effectiveFilterWidth - 1 - left - dilatedW;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  return { pad: [[0, 0], [top, bottom], [left, right], [0, 0]], strideHeight: sh, strideWidth: sw };
}

/**
 * Inserts `sh − 1` zero rows after every row and `sw − 1` zero columns after every column of an
 * NHWC tensor (two rank-4 pads and free reshapes). Returns `x` itself when both strides are 1;
 * otherwise a new tensor the caller releases.
 */
export function dilate(backend: BackendWasm, x: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape as [number, number, number, number]; // NHWC
  let cur = x;
  const temps: TensorInfo[] = [];
  const step = (name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>) => {
    const out = run(name, backend, inputs, attrs as never);
    temps.push(out);
    return out;
  };
  try {
    if (sh > 1) {
      const rows = step('Reshape', { x: cur }, { shape: [n, h, 1, w * c] });
      const padded = step('PadV2', { x: rows }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0]], constantValue: 0 });
      cur = step('Reshape', { x: padded }, { shape: [n, h * sh, w, c] });
    }
    if (sw > 1) {
      const cols = step('Reshape', { x: cur }, { shape: [n * h * sh, w, 1, c] });
      const padded = step('PadV2', { x: cols }, { paddings: [[0, 0], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
      cur = step('Reshape', { x: padded }, { shape: [n, h * sh, w * sw, c] });
    }
    temps.pop(); // the result is the caller's
    return cur;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}
