import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { loadAddon } from '../addon/loadAddon';
import type { NativeAddon } from '../addon/NativeAddon';
import { outputPool } from './outputPool';

/** What a native kernel receives; it returns null to hand the call to the cpu kernel. */
export interface NativeKernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: MathBackendCPU;
  attrs: NamedAttrMap;
}
export type NativeKernelImpl = (args: NativeKernelArgs, addon: NativeAddon) => TensorInfo | null;

/** A native kernel, keyed by tfjs kernel name. */
export interface NativeKernel {
  kernelName: string;
  impl: NativeKernelImpl;
}

/**
 * Calls per kernel that ran natively and that fell back to the cpu kernel (for tests and profiling).
 * Kept on `globalThis`, like tfjs's kernel registry, so that every copy of this module (an ESM and a
 * CJS build, or a plugin loaded by path) reports the kernels that really ran.
 */
export const kernelStats: Map<string, { native: number; fallback: number }> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('glassbox.backend-native.kernelStats')
] ??= new Map()) as Map<string, { native: number; fallback: number }>;

/**
 * A copy of the per-kernel call counts: how often each kernel with a native implementation ran
 * natively and how often it fell back to the JavaScript (cpu) kernel. Kernels missing here have no
 * native implementation and always run in JavaScript.
 *
 * @example
 * ```ts
 * const before = nativeKernelCalls();
 * model.predict(x);
 * const after = nativeKernelCalls(); // compare after.Conv2D.native with before's
 * ```
 */
export function nativeKernelCalls(): Record<string, { native: number; fallback: number }> {
  return Object.fromEntries([...kernelStats].map(([k, v]) => [k, { ...v }]));
}

/** JavaScript kernels that never keep a view of an input's buffer: they share it by reference count. */
export const SHARES_BY_REFCOUNT: ReadonlySet<string> = new Set(['Identity', 'Reshape']);

/**
 * Runs a JavaScript (cpu) kernel. Its inputs' buffers are no longer recycled (see ./outputPool): a
 * JavaScript kernel may return a view of one (the cpu Slice returns a subarray) that would outlive
 * the input's disposal.
 */
export function runJavaScript(kernel: KernelFunc, args: { inputs: unknown; backend: KernelBackend; attrs?: NamedAttrMap }): ReturnType<KernelFunc> {
  const data = (args.backend as MathBackendCPU).data;
  for (const t of Object.values(args.inputs as Record<string, TensorInfo | undefined>)) if (t) outputPool.taint(data.get(t.dataId)?.values);
  return kernel(args as Parameters<KernelFunc>[0]);
}

/** Wraps a native implementation so that unsupported calls (dtypes, layouts) run the cpu kernel. */
export function withFallback(kernelName: string, impl: NativeKernelImpl, cpu: KernelFunc): KernelFunc {
  const stats = { native: 0, fallback: 0 };
  kernelStats.set(kernelName, stats);
  return ((args: { inputs: unknown; backend: KernelBackend; attrs?: NamedAttrMap }) => {
    const result = impl({ inputs: args.inputs, backend: args.backend, attrs: args.attrs ?? {} } as NativeKernelArgs, loadAddon());
    if (result) {
      stats.native++;
      return result;
    }
    stats.fallback++;
    return runJavaScript(cpu, args);
  }) as KernelFunc;
}

/** The float32 values of `t`, or null when it is not a float32 tensor held as a Float32Array. */
export function f32(backend: MathBackendCPU, t: TensorInfo | undefined): Float32Array | null {
  if (!t || t.dtype !== 'float32') return null;
  const v = backend.data.get(t.dataId)?.values;
  return v instanceof Float32Array ? v : null;
}

const HUGE_ELEMENTS = 1 << 18; // 1 MiB

/**
 * A Float32Array of n elements for a native kernel's output, not zero-filled (every native kernel
 * writes all of it): a recycled one when the pool has one (see ./outputPool), else a new one.
 */
export function alloc(n: number): Float32Array {
  if (n === 0) return new Float32Array(0);
  const recycled = outputPool.take(n);
  if (recycled) return recycled;
  const buf = Buffer.allocUnsafeSlow(n * 4);
  const out = new Float32Array(buf.buffer, buf.byteOffset, n);
  outputPool.own(out);
  if (n >= HUGE_ELEMENTS) loadAddon().adviseHeap(); // heap grown for it: huge pages before the kernel touches it
  return out;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function output(backend: MathBackendCPU, shape: number[], values: Float32Array): TensorInfo {
  return backend.makeTensorInfo(shape, 'float32', values);
}

/** Activation names of fused kernels mapped to the addon's codes; undefined when unsupported. */
export function activationCode(activation: unknown): number | undefined {
  switch (activation ?? 'linear') {
    case 'linear': return 0;
    case 'relu': return 1;
    case 'relu6': return 2;
    case 'leakyrelu': return 3;
    case 'elu': return 4;
    case 'sigmoid': return 5;
    default: return undefined;
  }
}

/**
 * The gradient mask of `GlassboxActivationGrad` or a masked backprop kernel: its float32 input `y`
 * (the fused output, shaped like `dy`) and the addon's code of its `activation` attribute (relu 1,
 * relu6 2); null when the call is not one the addon takes.
 */
export function gradMask(args: NativeKernelArgs): { y: Float32Array; act: number } | null {
  const { dy, y } = args.inputs;
  const yv = f32(args.backend, y);
  const act = activationCode(args.attrs.activation);
  if (!yv || !dy || (act !== 1 && act !== 2) || y!.shape.length !== dy.shape.length || y!.shape.some((d, i) => d !== dy.shape[i])) return null;
  return { y: yv, act };
}
