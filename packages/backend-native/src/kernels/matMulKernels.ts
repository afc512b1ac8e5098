import { BatchMatMul, _FusedMatMul, broadcast_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { BinaryOp } from '../addon/NativeAddon';
import { activationCode, alloc, f32, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';
import type { NativeAddon } from '../addon/NativeAddon';
import { broadcastInto } from './binaryKernels';

interface MatMulPlan {
  a: Float32Array; b: Float32Array;
  batch: number; batchA: number; batchB: number;
  m: number; n: number; k: number;
  outShape: number[];
}

/** Shapes as tfjs's cpu batchMatMul reads them; null when the native kernel should not run. */
function plan(args: NativeKernelArgs, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulPlan | null {
  const av = f32(args.backend, a), bv = f32(args.backend, b);
  if (!av || !bv || a.shape.length < 2 || b.shape.length < 2) return null;
  const ar = a.shape.length, br = b.shape.length;
  // Both ranks are at least 2 (checked above).
  const k = transposeA ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = transposeB ? b.shape[br - 1]! : b.shape[br - 2]!;
  const m = transposeA ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const n = transposeB ? b.shape[br - 2]! : b.shape[br - 1]!;
  if (k !== kb) return null; // the cpu kernel throws the proper error
  const batchA = sizeOf(a.shape.slice(0, -2)), batchB = sizeOf(b.shape.slice(0, -2));
  let outer: number[];
  try {
    outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return null;
  }
  const batch = Math.max(batchA, batchB);
  // The cpu kernel indexes batches as i % batchA and i % batchB: keep to shapes where that is right.
  if (sizeOf(outer) !== batch || (batch > 0 && (batchA === 0 || batchB === 0))) return null;
  return { a: av, b: bv, batch, batchA, batchB, m, n, k, outShape: [...outer, m, n] };
}

function batchMatMul(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { a, b } = args.inputs;
  if (!a || !b) return null; // an input missing: the cpu kernel runs
  const { transposeA = false, transposeB = false } = args.attrs as { transposeA?: boolean; transposeB?: boolean };
  const p = plan(args, a, b, transposeA, transposeB);
  if (!p) return null;
  const c = alloc(p.batch * p.m * p.n);
  addon.gemm(p.a, p.b, c, p.batch, p.batchA, p.batchB, p.m, p.n, p.k, transposeA, transposeB, null, false, 0, 0);
  return output(args.backend, p.outShape, c);
}

function fusedMatMul(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { a, b, bias, preluActivationWeights } = args.inputs;
  if (!a || !b) return null; // an input missing: the cpu kernel runs
  const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean; activation?: string; leakyreluAlpha?: number };
  const act = activationCode(attrs.activation);
  if (act === undefined || preluActivationWeights) return null;
  const p = plan(args, a, b, attrs.transposeA ?? false, attrs.transposeB ?? false);
  if (!p) return null;
  const biasValues = bias ? f32(args.backend, bias) : null;
  if (bias && !biasValues) return null;
  const alpha = attrs.leakyreluAlpha ?? 0.2;
  const size = p.batch * p.m * p.n;
  const biasSize = bias ? sizeOf(bias.shape) : 0;
  // Bias per column ([n], [1, n], ...) or a scalar goes into the GEMM epilogue.
  const columnBias = bias && biasSize === p.n && bias.shape[bias.shape.length - 1] === p.n && bias.shape.length <= p.outShape.length;
  const scalarBias = bias && biasSize === 1 && bias.shape.length <= p.outShape.length;
  let c = alloc(size);
  if (!bias || columnBias || scalarBias) {
    addon.gemm(p.a, p.b, c, p.batch, p.batchA, p.batchB, p.m, p.n, p.k, attrs.transposeA ?? false, attrs.transposeB ?? false,
      biasValues, !!scalarBias && !columnBias, act, alpha);
    return output(args.backend, p.outShape, c);
  }
  // Any other broadcastable bias: product, broadcast add, activation.
  addon.gemm(p.a, p.b, c, p.batch, p.batchA, p.batchB, p.m, p.n, p.k, attrs.transposeA ?? false, attrs.transposeB ?? false, null, false, 0, 0);
  const sum = broadcastInto(addon, BinaryOp.add, c, p.outShape, biasValues!, bias.shape);
  if (!sum) return null;
  c = sum.values;
  if (act !== 0) addon.unary(act, c, c, alpha);
  return output(args.backend, sum.shape, c);
}

export const matMulKernels: NativeKernel[] = [
  { kernelName: BatchMatMul, impl: batchMatMul },
  { kernelName: _FusedMatMul, impl: fusedMatMul },
];
