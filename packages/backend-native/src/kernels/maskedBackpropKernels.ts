import { Conv2DBackpropInput, DepthwiseConv2dNativeBackpropInput, getKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { activationGradKernel } from './activationGradKernel';
import { backpropInput } from './convKernels';
import { depthwiseBackpropInput } from './depthwiseKernels';
import type { NativeKernel } from './kernelUtil';

/**
 * `GlassboxConv2DBackpropInputMasked(dy, y, filter; activation, …)` and
 * `GlassboxDepthwiseBackpropInputMasked`: a convolution's input backprop of `dy` masked by the fused
 * relu / relu6 output `y`, in one pass (`@glassbox/core`'s `MASKED_BACKPROP_INPUT_KERNELS`; the other
 * attributes are those of `Conv2DBackpropInput` / `DepthwiseConv2dNativeBackpropInput`). Natively the
 * masked `dy` stays in cache: pointwise and im2col convolutions mask blocks of rows just before the
 * GEMM reads them, the depthwise backprop the rows each task reads; only the direct kernel (≤ 4
 * input channels) masks the whole `dy` into a buffer first.
 */
export const MASKED_CONV2D_BACKPROP_INPUT = 'GlassboxConv2DBackpropInputMasked';
export const MASKED_DEPTHWISE_BACKPROP_INPUT = 'GlassboxDepthwiseBackpropInputMasked';

/** The same in JavaScript: the activation gradient, then the cpu backend's backprop kernel. */
function composed(backpropKernel: string): KernelFunc {
  return ({ inputs, backend, attrs = {} }) => {
    const { dy, y, filter } = inputs as { dy: TensorInfo; y: TensorInfo; filter: TensorInfo };
    const b = backend as MathBackendCPU;
    const masked = activationGradKernel.javaScript({ inputs: { dy, y }, backend, attrs }) as TensorInfo;
    try {
      return getKernel(backpropKernel, 'cpu')!.kernelFunc({ inputs: { dy: masked, filter }, backend, attrs });
    } finally {
      b.disposeData(masked.dataId);
    }
  };
}

export const maskedBackpropKernels: (NativeKernel & { javaScript: KernelFunc })[] = [
  { kernelName: MASKED_CONV2D_BACKPROP_INPUT, impl: (args, addon) => backpropInput(args, addon, true), javaScript: composed(Conv2DBackpropInput) },
  {
    kernelName: MASKED_DEPTHWISE_BACKPROP_INPUT,
    impl: (args, addon) => depthwiseBackpropInput(args, addon, true),
    javaScript: composed(DepthwiseConv2dNativeBackpropInput),
  },
];
