import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { dilate, planFullConvolution } from './fullConvolution';
import { release, run, type WasmKernelArgs } from './wasmKernel';

interface DepthwiseBackpropInputAttrs {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * `DepthwiseConv2dNativeBackpropInput`, which the wasm backend lacks (so input gradients through
 * MobileNet-style depthwise layers fail there): a depthwise forward convolution of the dilated,
 * padded output gradient with the flipped filter, one channel per (input channel, multiplier)
 * pair, then a sum over the multiplier. `fallback` handles the paddings this cannot express.
 */
export function depthwiseBackpropInputViaConv(fallback: KernelConfig): KernelConfig {
  return {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backendName: 'wasm',
    kernelFunc: ((args: WasmKernelArgs) => {
      const { backend } = args;
      const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
      const attrs = args.attrs as unknown as DepthwiseBackpropInputAttrs;
      const filterShape = filter.shape as [number, number, number, number]; // [kh, kw, inC, mult]
      const [kh, kw, inC, mult] = filterShape;
      const info = backend_util.computeConv2DInfo(attrs.inputShape, filterShape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
      const plan = planFullConvolution(info);
      if (!plan || dy.dtype !== 'float32') return (fallback.kernelFunc as unknown as (a: WasmKernelArgs) => TensorInfo)(args);
      const temps: TensorInfo[] = [];
      const keep = (t: TensorInfo) => (temps.push(t), t);
      try {
        const reversed = keep(run('Reverse', backend, { x: filter }, { dims: [0, 1] }));
        const flipped = keep(run('Reshape', backend, { x: reversed }, { shape: [kh, kw, inC * mult, 1] }));
        const dilated = dilate(backend, dy, plan.strideHeight, plan.strideWidth);
        if (dilated !== dy) temps.push(dilated);
        const perPair = run('DepthwiseConv2dNative', backend, { x: dilated, filter: flipped }, {
          strides: [1, 1],
          pad: plan.pad,
          dilations: [info.dilationHeight, info.dilationWidth],
        } as never);
        if (mult === 1) return perPair;
        temps.push(perPair);
        const [n, h, w] = attrs.inputShape;
        const grouped = keep(run('Reshape', backend, { x: perPair }, { shape: [n, h, w, inC, mult] }));
        return run('Sum', backend, { x: grouped }, { axis: [4], keepDims: false });
      } finally {
        release(backend, temps);
      }
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
