import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmKernelArgs } from './wasmKernel';

interface MaxPoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * `MaxPoolGrad` that sends each window's gradient to the window's first maximum (row by row), as
 * tfjs's cpu backend and PyTorch do. tfjs's wasm kernel sends a tie to the last maximum, so on
 * inputs with flat regions (a digit's blank background) attributions differed across backends.
 * One pass over the heap; views are taken after the output is allocated (an allocation may grow
 * the heap).
 */
export function firstMaxPoolGrad(): KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: ((args: WasmKernelArgs) => {
      const { backend } = args;
      const { dy, input } = args.inputs as Record<string, TensorInfo>;
      if (!dy || !input) throw new Error('MaxPoolGrad on wasm: expected inputs dy and input');
      const a = args.attrs as unknown as MaxPoolGradAttrs;
      const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
      const out = backend.makeOutput(input.shape, 'float32');
      const x = backend.typedArrayFromHeap(input);
      const g = backend.typedArrayFromHeap(dy);
      const dx = backend.typedArrayFromHeap(out);
      dx.fill(0);
      const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
      for (let b = 0; b < batchSize; b++) {
        const xb = b * inHeight * inWidth * C;
        for (let oy = 0; oy < outHeight; oy++) {
          const y0 = oy * strideHeight - padInfo.top;
          const yMin = Math.max(0, y0), yMax = Math.min(inHeight, y0 + filterHeight);
          for (let ox = 0; ox < outWidth; ox++) {
            const x0 = ox * strideWidth - padInfo.left;
            const xMin = Math.max(0, x0), xMax = Math.min(inWidth, x0 + filterWidth);
            const go = ((b * outHeight + oy) * outWidth + ox) * C;
            for (let c = 0; c < C; c++) {
              let best = -Infinity;
              let at = -1;
              for (let iy = yMin; iy < yMax; iy++) {
                for (let ix = xMin; ix < xMax; ix++) {
                  const k = xb + (iy * inWidth + ix) * C + c;
                  const v = x[k]!;
                  if (v > best || at < 0) {
                    best = v;
                    at = k;
                  }
                }
              }
              if (at >= 0) dx[at] = dx[at]! + g[go + c]!;
            }
          }
        }
      }
      return out;
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
