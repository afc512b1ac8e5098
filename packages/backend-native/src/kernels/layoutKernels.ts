import {
  Cast, ClipByValue, Equal, OnesLike, ZerosLike, FusedBatchNorm, GatherV2, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, NotEqual, PadV2, Select, Slice, Tile,
  slice_util, util, type DataType, type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { CompareOp, type NativeAddon } from '../addon/NativeAddon';
import { alloc, f32, output, sizeOf, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

type Raw = Float32Array | Int32Array | Uint8Array;

/** The values of a float32, int32 or bool tensor as the cpu backend holds them, or null. */
function raw(backend: MathBackendCPU, t: TensorInfo | undefined): Raw | null {
  if (!t || !['float32', 'int32', 'bool'].includes(t.dtype)) return null;
  const v = backend.data.get(t.dataId)?.values;
  return v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array ? v : null;
}

function like(v: Raw, n: number): Raw {
  if (v instanceof Float32Array) return alloc(n);
  return v instanceof Int32Array ? new Int32Array(n) : new Uint8Array(n);
}

function slice(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const xv = raw(args.backend, x);
  if (!xv || x.shape.length === 0) return null;
  const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
  const [b, s] = slice_util.parseSliceParams(x as never, begin, size) as [number[], number[]];
  const out = like(xv, sizeOf(s));
  if (out.length > 0) addon.slice(xv, Int32Array.from(x.shape), Int32Array.from(b), Int32Array.from(s), out, xv.BYTES_PER_ELEMENT);
  return args.backend.makeTensorInfo(s, x.dtype, out);
}

function pad(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const xv = raw(args.backend, x);
  if (!xv || x.shape.length === 0) return null;
  const { paddings, constantValue } = args.attrs as { paddings: [number, number][]; constantValue: number };
  const outShape = x.shape.map((d, i) => paddings[i]![0] + d + paddings[i]![1]); // one pair per dimension
  const out = like(xv, sizeOf(outShape));
  const value = like(xv, 1);
  value[0] = constantValue;
  if (out.length > 0) addon.pad(xv, Int32Array.from(x.shape), Int32Array.from(paddings.map((p) => p[0])), Int32Array.from(outShape), out, xv.BYTES_PER_ELEMENT, value);
  return args.backend.makeTensorInfo(outShape, x.dtype, out);
}

function tile(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const xv = raw(args.backend, x);
  const reps = (args.attrs as { reps: number[] }).reps;
  if (!xv || x.shape.length === 0 || reps.length !== x.shape.length) return null;
  const outShape = x.shape.map((d, i) => d * reps[i]!);
  const out = like(xv, sizeOf(outShape));
  if (out.length > 0) addon.tile(xv, Int32Array.from(x.shape), Int32Array.from(outShape), out, xv.BYTES_PER_ELEMENT);
  return args.backend.makeTensorInfo(outShape, x.dtype, out);
}

/**
 * Cast. int32 or bool → float32 and bool → int32 are converted natively into arrays of the target
 * type: the cpu kernel keeps the int32 or bool array under the new dtype, so every native kernel
 * that reads the result (they need a Float32Array for float32) would run in JavaScript. float32 →
 * int32 converts as the cpu kernel does (`Int32Array.from`: truncated, modulo 2^32, NaN to 0). The
 * same dtype shares the data by reference count, as the cpu kernel does; other conversions (to
 * bool, complex) run the cpu kernel.
 */
function cast(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const dtype = (args.attrs as { dtype: DataType }).dtype;
  const xv = raw(args.backend, x);
  if (!xv) return null;
  if (dtype === 'float32' && !(xv instanceof Float32Array)) {
    const out = alloc(xv.length);
    addon.castValues(xv, out);
    return output(args.backend, [...x.shape], out);
  }
  if (dtype === x.dtype) {
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype };
  }
  if (dtype === 'int32' && ((x.dtype === 'bool' && xv instanceof Uint8Array) || (x.dtype === 'float32' && xv instanceof Float32Array))) {
    const out = new Int32Array(xv.length);
    addon.castValues(xv, out);
    return args.backend.makeTensorInfo([...x.shape], 'int32', out);
  }
  return null;
}

/** ZerosLike and OnesLike of float32 tensors (gradient accumulators); other dtypes run the cpu kernel. */
function filledLike(value: number) {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    const x = args.inputs.x;
    if (!x || x.dtype !== 'float32') return null; // the cpu kernel runs
    const out = alloc(sizeOf(x.shape));
    addon.fill(out, value); // recycled buffers hold old values
    return output(args.backend, [...x.shape], out);
  };
}

/**
 * GatherV2 without batch dimensions: `x[..., indices, ...]` along `axis` (the embedding lookup of
 * transformers). Indices outside the axis are left to the cpu kernel, which throws its own error.
 */
function gather(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { x, indices } = args.inputs;
  if (!x || !indices || indices.dtype !== 'int32') return null; // the cpu kernel runs (and validates)
  const { axis, batchDims } = args.attrs as { axis: number; batchDims?: number };
  if ((batchDims ?? 0) !== 0 || x.shape.length === 0) return null;
  const xv = raw(args.backend, x), iv = raw(args.backend, indices);
  if (!xv || !(iv instanceof Int32Array)) return null;
  const a = util.parseAxisParam(axis, x.shape)[0]!;
  const axisSize = x.shape[a]!;
  for (let j = 0; j < iv.length; j++) if (iv[j]! < 0 || iv[j]! >= axisSize) return null;
  const outer = sizeOf(x.shape.slice(0, a)), inner = sizeOf(x.shape.slice(a + 1));
  const outShape = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  const out = like(xv, sizeOf(outShape));
  if (out.length > 0) addon.gather(xv, outer, axisSize, inner, iv, out, xv.BYTES_PER_ELEMENT);
  return args.backend.makeTensorInfo(outShape, x.dtype, out);
}

const flipped: Record<number, number> = { 0: 0, 1: 1, 2: 4, 3: 5, 4: 2, 5: 3 };

function compare(op: number) {
  return (args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null => {
    let { a, b } = args.inputs;
    if (!a || !b) return null; // an input missing: the cpu kernel runs
    let av = f32(args.backend, a), bv = f32(args.backend, b);
    if (!av || !bv) return null;
    let code = op;
    if (sizeOf(a.shape) === 1 && sizeOf(b.shape) !== 1) {
      [a, b, av, bv, code] = [b, a, bv, av, flipped[op]!];
    }
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    const scalar = sizeOf(b.shape) === 1 && b.shape.length <= a.shape.length;
    if (!same && !scalar) return null;
    const out = new Uint8Array(av.length);
    addon.compare(code, av, bv, !same, out, av.length);
    return args.backend.makeTensorInfo([...a.shape], 'bool', out);
  };
}

function select(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { condition, t, e } = args.inputs;
  if (!condition || !t || !e) return null; // an input missing: the cpu kernel runs
  const cv = raw(args.backend, condition), tv = raw(args.backend, t), ev = raw(args.backend, e);
  if (!(cv instanceof Uint8Array) || !tv || !ev || tv.BYTES_PER_ELEMENT !== 4 || t.dtype !== e.dtype) return null;
  if (cv.length !== tv.length || ev.length !== tv.length) return null;
  const out = like(tv, tv.length);
  addon.select(cv, tv, ev, out, tv.length);
  return args.backend.makeTensorInfo([...t.shape], t.dtype, out);
}

function logicalAnd(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { a, b } = args.inputs;
  if (!a || !b) return null; // an input missing: the cpu kernel runs
  const av = raw(args.backend, a), bv = raw(args.backend, b);
  if (!(av instanceof Uint8Array) || !(bv instanceof Uint8Array) || av.length !== bv.length || a.shape.length !== b.shape.length) return null;
  const out = new Uint8Array(av.length);
  addon.logicalAnd(av, bv, out, av.length);
  return args.backend.makeTensorInfo([...a.shape], 'bool', out);
}

function batchNorm(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { x, mean, variance, offset, scale } = args.inputs;
  if (!x || !mean || !variance) return null; // an input missing: the cpu kernel runs
  const xv = f32(args.backend, x), mv = f32(args.backend, mean), vv = f32(args.backend, variance);
  const ov = offset ? f32(args.backend, offset) : null, sv = scale ? f32(args.backend, scale) : null;
  if (!xv || !mv || !vv || (offset && !ov) || (scale && !sv) || x.shape.length === 0) return null;
  const channels = x.shape[x.shape.length - 1]!;
  if (channels < 1 || [mv, vv, ov, sv].some((p) => p && p.length !== 1 && p.length !== channels)) return null;
  const eps = (args.attrs as { varianceEpsilon?: number }).varianceEpsilon ?? 0.001;
  const y = alloc(xv.length);
  addon.batchNorm(xv, mv, vv, ov, sv, eps, y, channels);
  return output(args.backend, [...x.shape], y);
}

function clip(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const x = args.inputs.x;
  if (!x) return null; // an input missing: the cpu kernel runs
  const xv = f32(args.backend, x);
  if (!xv) return null;
  const { clipValueMin, clipValueMax } = args.attrs as { clipValueMin: number; clipValueMax: number };
  const y = alloc(xv.length);
  addon.clip(xv, clipValueMin, clipValueMax, y);
  return output(args.backend, [...x.shape], y);
}

/** Slice, padding, tiling, gathering, comparisons, select, logical and, batch norm and clipping. */
export const layoutKernels: NativeKernel[] = [
  { kernelName: Slice, impl: slice },
  { kernelName: GatherV2, impl: gather },
  { kernelName: Cast, impl: cast },
  { kernelName: ZerosLike, impl: filledLike(0) },
  { kernelName: OnesLike, impl: filledLike(1) },
  { kernelName: PadV2, impl: pad },
  { kernelName: Tile, impl: tile },
  { kernelName: Equal, impl: compare(CompareOp.equal) },
  { kernelName: NotEqual, impl: compare(CompareOp.notEqual) },
  { kernelName: Less, impl: compare(CompareOp.less) },
  { kernelName: LessEqual, impl: compare(CompareOp.lessEqual) },
  { kernelName: Greater, impl: compare(CompareOp.greater) },
  { kernelName: GreaterEqual, impl: compare(CompareOp.greaterEqual) },
  { kernelName: Select, impl: select },
  { kernelName: LogicalAnd, impl: logicalAnd },
  { kernelName: FusedBatchNorm, impl: batchNorm },
  { kernelName: ClipByValue, impl: clip },
];
