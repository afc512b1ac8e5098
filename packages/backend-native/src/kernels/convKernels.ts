import {
  AvgPool, AvgPoolGrad, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, FusedConv2D, MaxPool, MaxPoolGrad, backend_util,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { BinaryOp, type NativeAddon } from '../addon/NativeAddon';
import { broadcastInto } from './binaryKernels';
import { activationCode, alloc, f32, gradMask, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

type ConvInfo = backend_util.Conv2DInfo;
type Pad = 'valid' | 'same' | number | backend_util.ExplicitPadding;
interface ConvAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The 15 integers native/conv.h's ConvParams reads. */
function params(c: ConvInfo): Int32Array {
  return Int32Array.from([
    c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth,
    c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth, c.padInfo.top, c.padInfo.left,
  ]);
}

function convInfo(xShape: number[], filterShape: number[], a: ConvAttrs, dilations: ConvAttrs['dilations']): ConvInfo | null {
  if ((a.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, dilations ?? 1, a.pad, a.dimRoundingMode, false, 'channelsLast',
  );
  return info.dataFormat === 'channelsLast' ? info : null;
}

function conv(args: NativeKernelArgs, addon: NativeAddon, fused: boolean): TensorInfo | null {
  const { x, filter, bias, preluActivationWeights } = args.inputs;
  if (!x || !filter) return null; // an input missing: the cpu kernel runs
  const attrs = args.attrs as unknown as ConvAttrs & { activation?: string; leakyreluAlpha?: number };
  const xv = f32(args.backend, x), wv = f32(args.backend, filter);
  if (!xv || !wv || x.shape.length !== 4 || filter.shape.length !== 4) return null;
  const act = fused ? activationCode(attrs.activation) : 0;
  if (act === undefined || (fused && preluActivationWeights)) return null;
  const bv = fused && bias ? f32(args.backend, bias) : null;
  if (fused && bias && !bv) return null;
  const info = convInfo(x.shape, filter.shape, attrs, attrs.dilations);
  if (!info) return null;
  const alpha = attrs.leakyreluAlpha ?? 0.2;
  const y = alloc(sizeOf(info.outShape));
  const channelBias = bias && sizeOf(bias.shape) === info.outChannels && bias.shape[bias.shape.length - 1] === info.outChannels && bias.shape.length <= 4;
  if (!bias || channelBias) {
    addon.conv2d(xv, wv, y, params(info), bv, act, alpha);
    return output(args.backend, info.outShape, y);
  }
  addon.conv2d(xv, wv, y, params(info), null, 0, 0);
  const sum = broadcastInto(addon, BinaryOp.add, y, info.outShape, bv!, bias.shape);
  if (!sum) return null;
  if (act !== 0) addon.unary(act, sum.values, sum.values, alpha);
  return output(args.backend, sum.shape, sum.values);
}

/**
 * Conv2DBackpropInput; `masked`: of `dy` masked by the fused activation's output `y` (the
 * `GlassboxConv2DBackpropInputMasked` kernel, see ./maskedBackpropKernels).
 */
export function backpropInput(args: NativeKernelArgs, addon: NativeAddon, masked = false): TensorInfo | null {
  const { dy, filter } = args.inputs;
  if (!dy || !filter) return null; // an input missing: the cpu kernel runs
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const dyv = f32(args.backend, dy), wv = f32(args.backend, filter);
  if (!dyv || !wv) return null;
  const mask = masked ? gradMask(args) : undefined;
  if (mask === null) return null;
  const info = convInfo(attrs.inputShape, filter.shape, attrs, 1);
  if (!info) return null;
  const dx = alloc(sizeOf(attrs.inputShape));
  addon.conv2dBackpropInput(dyv, wv, dx, params(info), mask?.y, mask?.act);
  return output(args.backend, [...attrs.inputShape], dx);
}

function backpropFilter(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { x, dy } = args.inputs;
  if (!x || !dy) return null; // an input missing: the cpu kernel runs
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  const xv = f32(args.backend, x), dyv = f32(args.backend, dy);
  if (!xv || !dyv || x.shape.length !== 4) return null;
  const info = convInfo(x.shape, attrs.filterShape, attrs, 1);
  if (!info) return null;
  const dw = alloc(sizeOf(attrs.filterShape));
  addon.conv2dBackpropFilter(xv, dyv, dw, params(info));
  return output(args.backend, [...attrs.filterShape], dw);
}

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function poolInfo(xShape: number[], a: PoolAttrs): ConvInfo {
  return backend_util.computePool2DInfo(xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

function pool(kind: 'max' | 'avg') {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const x = args.inputs.x;
    if (!x) return null; // an input missing: the cpu kernel runs
    const xv = f32(args.backend, x);
    if (!xv || x.shape.length !== 4) return null;
    const info = poolInfo(x.shape, args.attrs as unknown as PoolAttrs);
    const y = alloc(sizeOf(info.outShape));
    (kind === 'max' ? addon.maxPool : addon.avgPool)(xv, y, params(info));
    return output(args.backend, info.outShape, y);
  };
}

function maxPoolGrad(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { dy, input } = args.inputs;
  if (!dy || !input) return null; // an input missing: the cpu kernel runs
  const dyv = f32(args.backend, dy), xv = f32(args.backend, input);
  if (!dyv || !xv || input.shape.length !== 4) return null;
  const info = poolInfo(input.shape, args.attrs as unknown as PoolAttrs);
  const dx = alloc(xv.length);
  addon.maxPoolGrad(dyv, xv, dx, params(info));
  return output(args.backend, [...input.shape], dx);
}

function avgPoolGrad(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { dy, input } = args.inputs;
  if (!dy || !input) return null; // an input missing: the cpu kernel runs
  const dyv = f32(args.backend, dy);
  if (!dyv || input.shape.length !== 4) return null;
  const info = poolInfo(input.shape, args.attrs as unknown as PoolAttrs);
  const dx = alloc(sizeOf(input.shape));
  addon.avgPoolGrad(dyv, dx, params(info));
  return output(args.backend, [...input.shape], dx);
}

export const convKernels: NativeKernel[] = [
  { kernelName: Conv2D, impl: (args, addon) => conv(args, addon, false) },
  { kernelName: FusedConv2D, impl: (args, addon) => conv(args, addon, true) },
  { kernelName: Conv2DBackpropInput, impl: (args, addon) => backpropInput(args, addon) },
  { kernelName: Conv2DBackpropFilter, impl: backpropFilter },
  { kernelName: MaxPool, impl: pool('max') },
  { kernelName: AvgPool, impl: pool('avg') },
  { kernelName: MaxPoolGrad, impl: maxPoolGrad },
  { kernelName: AvgPoolGrad, impl: avgPoolGrad },
];
