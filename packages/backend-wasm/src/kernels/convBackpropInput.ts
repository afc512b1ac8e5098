import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { dilate, planFullConvolution } from './fullConvolution';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock, release, run, wrapStock, type WasmKernelArgs } from './wasmKernel';

interface Conv2DBackpropInputAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * `Conv2DBackpropInput` as an XNNPACK forward convolution: the output gradient, dilated by the
 * stride and padded, convolved with the filter flipped in space and with its channel axes
 * swapped. The stock kernel is a naive loop, ~10× slower on the gradients of a small CNN.
 * NCHW and unusual explicit paddings keep the stock kernel. A gradient with fewer than
 * {@link FEW_CHANNELS} channels (a network's first convolution, whose input is an image) goes
 * through patches instead, because a convolution with so few output channels wastes XNNPACK's
 * tiles (and the dilated gradient is mostly zeros): the stem of MobileNetV2 took 1.4 s of a 5.5 s
 * input gradient that way.
 */
export function conv2DBackpropInputViaConv(stock: KernelConfig | undefined): KernelConfig {
  return wrapStock(stock, 'conv2DBackpropInputViaConv', (stock) => (args: WasmKernelArgs) => {
    const { backend } = args;
    const { dy, filter } = args.inputs as Record<string, TensorInfo>;
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const format = backend_util.convertConv2DDataFormat(attrs.dataFormat);
    if (format !== 'channelsLast' || dy.dtype !== 'float32') return callStock(stock, args);
    const info = backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
    if (info.inChannels < FEW_CHANNELS && info.filterHeight * info.filterWidth > 1) return viaPatches(backend, dy, filter, info);
    const plan = planFullConvolution(info);
    if (!plan) return callStock(stock, args);
    const temps: TensorInfo[] = [];
    try {
      const reversed = run('Reverse', backend, { x: filter }, { dims: [0, 1] });
      temps.push(reversed);
      const flipped = run('Transpose', backend, { x: reversed }, { perm: [0, 1, 3, 2] });
      temps.push(flipped);
      const dilated = dilate(backend, dy, plan.strideHeight, plan.strideWidth);
      if (dilated !== dy) temps.push(dilated);
      return run('Conv2D', backend, { x: dilated, filter: flipped }, { strides: [1, 1], pad: plan.pad, dataFormat: 'NHWC', dilations: [1, 1] } as never);
    } finally {
      release(backend, temps);
    }
  });
}

/** Below this many input channels, {@link conv2DBackpropInputViaConv} goes through patches. */
export const FEW_CHANNELS = 8;

/**
 * The input gradient as one XNNPACK matMul and a scatter: each output position's gradient times
 * the filter gives its patch's contribution (`dy[P, out] · Wᵀ[out, kh·kw·in]`), and the patches are
 * summed into place (col2im). Heap views are taken after the last allocation.
 */
function viaPatches(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, inHeight, inWidth, inChannels, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { top, left } = info.padInfo;
  const patch = kh * kw * inChannels;
  const temps: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temps.push(t), t);
  try {
    const byOut = keep(run('Transpose', backend, { x: filter }, { perm: [3, 0, 1, 2] }));
    const w = keep(run('Reshape', backend, { x: byOut }, { shape: [1, outChannels, patch] }));
    const rows = keep(run('Reshape', backend, { x: dy }, { shape: [1, batchSize * outHeight * outWidth, outChannels] }));
    const patches = keep(run('BatchMatMul', backend, { a: rows, b: w }, { transposeA: false, transposeB: false }));
    const out = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
    const src = backend.typedArrayFromHeap(patches) as Float32Array;
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    dx.fill(0);
    let p = 0;
    for (let b = 0; b < batchSize; b++) {
      const base = b * inHeight * inWidth;
      for (let oy = 0; oy < outHeight; oy++) {
        for (let ox = 0; ox < outWidth; ox++, p += patch) {
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh - top + ky * dh;
            if (iy < 0 || iy >= inHeight) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ix = ox * sw - left + kx * dw;
              if (ix < 0 || ix >= inWidth) continue;
              const to = (base + iy * inWidth + ix) * inChannels;
              const from = p + (ky * kw + kx) * inChannels;
              for (let c = 0; c < inChannels; c++) dx[to + c] += src[from + c];
            }
          }
        }
      }
    }
    return out;
  } finally {
    release(backend, temps);
  }
}
