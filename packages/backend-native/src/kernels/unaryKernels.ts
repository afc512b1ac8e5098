import {
  Abs, Elu, Exp, Expm1, LeakyRelu, Log, Log1p, Neg, Reciprocal, Relu, Relu6, Rsqrt, Sigmoid, Softplus, Sqrt, Square, Step, Tanh,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { UnaryOp, type NativeAddon } from '../addon/NativeAddon';
import { alloc, f32, output, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

function unary(op: number, alphaAttr?: string, defaultAlpha = 0) {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const x = args.inputs.x;
    if (!x) return null; // an input missing: the cpu kernel runs
    const xv = f32(args.backend, x);
    if (!xv) return null;
    const alpha = alphaAttr ? Number((args.attrs as Record<string, unknown>)[alphaAttr] ?? defaultAlpha) : 0;
    const out = alloc(xv.length);
    addon.unary(op, xv, out, alpha);
    return output(args.backend, [...x.shape], out);
  };
}

export const unaryKernels: NativeKernel[] = [
  { kernelName: Relu, impl: unary(UnaryOp.relu) },
  { kernelName: Relu6, impl: unary(UnaryOp.relu6) },
  { kernelName: LeakyRelu, impl: unary(UnaryOp.leakyrelu, 'alpha', 0.2) },
  { kernelName: Elu, impl: unary(UnaryOp.elu) },
  { kernelName: Sigmoid, impl: unary(UnaryOp.sigmoid) },
  { kernelName: Tanh, impl: unary(UnaryOp.tanh) },
  { kernelName: Exp, impl: unary(UnaryOp.exp) },
  { kernelName: Log, impl: unary(UnaryOp.log) },
  { kernelName: Neg, impl: unary(UnaryOp.neg) },
  { kernelName: Abs, impl: unary(UnaryOp.abs) },
  { kernelName: Sqrt, impl: unary(UnaryOp.sqrt) },
  { kernelName: Rsqrt, impl: unary(UnaryOp.rsqrt) },
  { kernelName: Square, impl: unary(UnaryOp.square) },
  { kernelName: Reciprocal, impl: unary(UnaryOp.reciprocal) },
  { kernelName: Step, impl: unary(UnaryOp.step, 'alpha', 0) },
  { kernelName: Softplus, impl: unary(UnaryOp.softplus) },
  { kernelName: Expm1, impl: unary(UnaryOp.expm1) },
  { kernelName: Log1p, impl: unary(UnaryOp.log1p) },
];
