import { Add, AddN, EluGrad, Maximum, Minimum, Multiply, Pow, RealDiv, SquaredDifference, Sub, broadcast_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { BinaryOp, type NativeAddon } from '../addon/NativeAddon';
import { alloc, f32, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

const MAX_RANK = 12;

function padShape(shape: readonly number[], rank: number): Int32Array {
  const out = new Int32Array(rank).fill(1);
  out.set(shape, rank - shape.length);
  return out;
}

/** a op b with numpy broadcasting into a new array; null when the shapes do not broadcast. */
export function broadcastInto(
  addon: NativeAddon, op: number, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[],
): { values: Float32Array; shape: number[] } | null {
  let shape: number[];
  try {
    shape = broadcast_util.assertAndGetBroadcastShape(aShape as number[], bShape as number[]);
  } catch {
    return null;
  }
  if (shape.length > MAX_RANK) return null;
  const values = alloc(sizeOf(shape));
  addon.binary(op, a, padShape(aShape, shape.length), b, padShape(bShape, shape.length), values, Int32Array.from(shape));
  return { values, shape };
}

function binary(op: number, names: [string, string] = ['a', 'b']) {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const a = args.inputs[names[0]], b = args.inputs[names[1]];
    if (!a || !b) return null; // an input missing: the cpu kernel runs
    const av = f32(args.backend, a), bv = f32(args.backend, b);
    if (!av || !bv) return null;
    const r = broadcastInto(addon, op, av, a.shape, bv, b.shape);
    return r && output(args.backend, r.shape, r.values);
  };
}

function addN(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const tensors = Array.from(args.inputs as unknown as ArrayLike<TensorInfo>);
  if (tensors.length === 0) return null;
  const shape = tensors[0]!.shape;
  const values: Float32Array[] = [];
  for (const t of tensors) {
    const v = f32(args.backend, t);
    if (!v || t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) return null;
    values.push(v);
  }
  const out = alloc(sizeOf(shape));
  addon.addN(values, out);
  return output(args.backend, [...shape], out);
}

export const binaryKernels: NativeKernel[] = [
  { kernelName: Add, impl: binary(BinaryOp.add) },
  { kernelName: Sub, impl: binary(BinaryOp.sub) },
  { kernelName: Multiply, impl: binary(BinaryOp.mul) },
  { kernelName: RealDiv, impl: binary(BinaryOp.div) },
  { kernelName: Maximum, impl: binary(BinaryOp.max) },
  { kernelName: Minimum, impl: binary(BinaryOp.min) },
  { kernelName: SquaredDifference, impl: binary(BinaryOp.squaredDifference) },
  { kernelName: EluGrad, impl: binary(BinaryOp.eluGrad, ['dy', 'y']) },
  { kernelName: Pow, impl: binary(BinaryOp.pow) },
  { kernelName: AddN, impl: addN },
];
