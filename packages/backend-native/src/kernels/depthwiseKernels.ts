import { DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput, FusedDepthwiseConv2D, backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../addon/NativeAddon';
import { activationCode, alloc, f32, gradMask, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

type Pad = 'valid' | 'same' | number | backend_util.ExplicitPadding;
interface DepthwiseAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: 'NHWC' | 'NCHW';
  activation?: string;
  leakyreluAlpha?: number;
  inputShape?: [number, number, number, number];
}

function info(xShape: number[], filterShape: number[], a: DepthwiseAttrs): backend_util.Conv2DInfo | null {
  if ((a.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return null;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, true,
  );
}

/** The 15 integers native/conv.h's ConvParams reads (outC = inC × multiplier). */
function params(c: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth,
    c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth, c.padInfo.top, c.padInfo.left,
  ]);
}

function depthwise(fused: boolean) {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const { x, filter, bias, preluActivationWeights } = args.inputs;
    if (!x || !filter) return null; // an input missing: the cpu kernel runs
    const a = args.attrs as unknown as DepthwiseAttrs;
    const xv = f32(args.backend, x), wv = f32(args.backend, filter);
    if (!xv || !wv || (fused && preluActivationWeights)) return null;
    const act = fused ? activationCode(a.activation) : 0;
    if (act === undefined) return null;
    const c = info(x.shape, filter.shape, a);
    if (!c) return null;
    const bv = fused && bias ? f32(args.backend, bias) : null;
    if (bias && fused && (!bv || sizeOf(bias.shape) !== c.outChannels)) return null;
    const y = alloc(sizeOf(c.outShape));
    addon.depthwiseConv2d(xv, wv, y, params(c), bv, act, a.leakyreluAlpha ?? 0.2);
    return output(args.backend, c.outShape, y);
  };
}

/**
 * DepthwiseConv2dNativeBackpropInput; `masked`: of `dy` masked by the fused activation's output `y`
 * (the `GlassboxDepthwiseBackpropInputMasked` kernel, see ./maskedBackpropKernels).
 */
export function depthwiseBackpropInput(args: NativeKernelArgs, addon: NativeAddon, masked = false): TensorInfo | null {
  const { dy, filter } = args.inputs;
  if (!dy || !filter) return null; // an input missing: the cpu kernel runs
  const a = args.attrs as unknown as DepthwiseAttrs;
  const dyv = f32(args.backend, dy), wv = f32(args.backend, filter);
  if (!dyv || !wv || !a.inputShape) return null;
  const mask = masked ? gradMask(args) : undefined;
  if (mask === null) return null;
  const c = info([...a.inputShape], filter.shape, a);
  if (!c) return null;
  const dx = alloc(sizeOf(a.inputShape));
  addon.depthwiseBackpropInput(dyv, wv, dx, params(c), mask?.y, mask?.act);
  return output(args.backend, [...a.inputShape], dx);
}

/** Depthwise convolution (plain and fused with bias and activation) and its input gradient. */
export const depthwiseKernels: NativeKernel[] = [
  { kernelName: DepthwiseConv2dNative, impl: depthwise(false) },
  { kernelName: FusedDepthwiseConv2D, impl: depthwise(true) },
  { kernelName: DepthwiseConv2dNativeBackpropInput, impl: (args, addon) => depthwiseBackpropInput(args, addon) },
];
