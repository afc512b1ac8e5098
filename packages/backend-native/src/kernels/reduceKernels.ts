import { Max, Mean, Min, Prod, Softmax, Sum, Transpose, backend_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { ReduceOp, type NativeAddon } from '../addon/NativeAddon';
import { alloc, f32, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

const MAX_RANK = 12;

/** out = transpose(x, perm) natively. */
export function transposeValues(addon: NativeAddon, x: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const out = alloc(x.length);
  addon.transpose(x, Int32Array.from(shape), Int32Array.from(perm), out);
  return out;
}

function transpose(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const xv = f32(args.backend, x);
  const perm = (args.attrs as { perm: number[] }).perm;
  if (!xv || x.shape.length > MAX_RANK || perm.length !== x.shape.length) return null;
  const outShape = perm.map((p) => x.shape[p]!);
  return output(args.backend, outShape, transposeValues(addon, xv, x.shape, perm));
}

/**
 * Reduces over `axes` as [outer, r, inner] when the reduced axes are contiguous (ignoring size-1
 * axes), else transposes them innermost first.
 */
function reduceKernel(op: number, axisAttr: 'axis' | 'reductionIndices') {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const x = args.inputs.x;
    if (!x) return null; // an input missing: the cpu kernel runs
    const xv = f32(args.backend, x);
    if (!xv || x.shape.length > MAX_RANK || xv.length === 0) return null;
    const attrs = args.attrs as Record<string, unknown>;
    const axes = util.parseAxisParam(attrs[axisAttr] as number | number[], x.shape);
    const keepDims = Boolean(attrs.keepDims);
    const rank = x.shape.length;
    const reduced = new Array<boolean>(rank).fill(false);
    for (const a of axes) reduced[a] = true;
    // Groups of (reduced?, size) over the non-trivial axes.
    const groups: { red: boolean; size: number }[] = [];
    for (let d = 0; d < rank; d++) {
      const size = x.shape[d]!;
      if (size === 1) continue;
      const last = groups[groups.length - 1];
      if (last && last.red === reduced[d]) last.size *= size;
      else groups.push({ red: reduced[d]!, size });
    }
    const outShapeCore = x.shape.filter((_, d) => !reduced[d]);
    const outShape = keepDims ? backend_util.expandShapeToKeepDim(outShapeCore, axes) : outShapeCore;
    const outSize = sizeOf(outShapeCore);
    const out = alloc(outSize);
    const redGroups = groups.filter((g) => g.red).length;
    if (redGroups <= 1) {
      const i = groups.findIndex((g) => g.red);
      const r = i < 0 ? 1 : groups[i]!.size;
      const outer = i < 0 ? outSize : sizeOf(groups.slice(0, i).map((g) => g.size));
      const inner = i < 0 ? 1 : sizeOf(groups.slice(i + 1).map((g) => g.size));
      addon.reduce(op, xv, out, outer, r, inner);
    } else {
      const perm = backend_util.getAxesPermutation(axes, rank) ?? [...Array(rank).keys()];
      const xt = transposeValues(addon, xv, x.shape, perm);
      addon.reduce(op, xt, out, outSize, xv.length / Math.max(outSize, 1), 1);
    }
    return output(args.backend, outShape, out);
  };
}

function softmax(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const logits = args.inputs.logits;
  if (!logits) return null; // an input missing: the cpu kernel runs
  const xv = f32(args.backend, logits);
  const rank = logits.shape.length;
  const dim = (args.attrs as { dim: number }).dim;
  if (!xv || rank === 0 || (dim !== -1 && dim !== rank - 1)) return null;
  const cols = logits.shape[rank - 1]!;
  const out = alloc(xv.length);
  if (xv.length > 0) addon.softmax(xv, out, xv.length / cols, cols);
  return output(args.backend, [...logits.shape], out);
}

export const reduceKernels: NativeKernel[] = [
  { kernelName: Transpose, impl: transpose },
  { kernelName: Sum, impl: reduceKernel(ReduceOp.sum, 'axis') },
  { kernelName: Mean, impl: reduceKernel(ReduceOp.mean, 'axis') },
  { kernelName: Prod, impl: reduceKernel(ReduceOp.prod, 'axis') },
  { kernelName: Max, impl: reduceKernel(ReduceOp.max, 'reductionIndices') },
  { kernelName: Min, impl: reduceKernel(ReduceOp.min, 'axis') },
  { kernelName: Softmax, impl: softmax },
];
