/** The functions of `build/Release/glassbox_native.node`. All work in place on Float32Arrays. */
export interface NativeAddon {
  info(): { isa: string; detectedIsa: string; threads: number; mallocTuned: boolean; hugePageHeap: boolean };
  /** Marks heap memory grown since the last call for transparent huge pages (glibc; else a no-op). */
  adviseHeap(): void;
  setThreads(n: number): number;
  /** Forces a lower ISA ('avx512' | 'avx2' | 'portable') for testing; returns the one now active. */
  setIsa(isa: string): string;
  gemm(
    a: Float32Array, b: Float32Array, c: Float32Array,
    batch: number, batchA: number, batchB: number, m: number, n: number, k: number,
    transposeA: boolean, transposeB: boolean,
    bias: Float32Array | null, biasScalar: boolean, activation: number, alpha: number,
  ): void;
  binary(op: number, a: Float32Array, aShape: Int32Array, b: Float32Array, bShape: Int32Array, out: Float32Array, outShape: Int32Array): void;
  unary(op: number, x: Float32Array, out: Float32Array, alpha: number): void;
  addN(xs: Float32Array[], out: Float32Array): void;
  reduce(op: number, x: Float32Array, out: Float32Array, outer: number, r: number, inner: number): void;
  softmax(x: Float32Array, out: Float32Array, rows: number, cols: number): void;
  transpose(x: Float32Array, shape: Int32Array, perm: Int32Array, out: Float32Array): void;
  conv2d(x: Float32Array, filter: Float32Array, y: Float32Array, params: Int32Array, bias: Float32Array | null, activation: number, alpha: number): void;
  /** With `y` and `activation` (1 relu, 2 relu6), of `dy` masked where the fused activation stopped the gradient. */
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, params: Int32Array, y?: Float32Array | null, activation?: number): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, params: Int32Array): void;
  depthwiseConv2d(x: Float32Array, filter: Float32Array, y: Float32Array, params: Int32Array, bias: Float32Array | null, activation: number, alpha: number): void;
  /** With `y` and `activation` (1 relu, 2 relu6), of `dy` masked where the fused activation stopped the gradient. */
  depthwiseBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, params: Int32Array, y?: Float32Array | null, activation?: number): void;
  slice(x: ArrayBufferView, xShape: Int32Array, begin: Int32Array, outShape: Int32Array, out: ArrayBufferView, elementSize: number): void;
  pad(x: ArrayBufferView, xShape: Int32Array, before: Int32Array, outShape: Int32Array, out: ArrayBufferView, elementSize: number, value: ArrayBufferView): void;
  tile(x: ArrayBufferView, xShape: Int32Array, outShape: Int32Array, out: ArrayBufferView, elementSize: number): void;
  /** `out[i] = value` (float32). */
  fill(out: Float32Array, value: number): void;
  /** Converts int32 or bool (uint8) values to float32, bool to int32, or float32 to int32 as `Int32Array.from` does. */
  castValues(x: Int32Array | Uint8Array | Float32Array, out: Float32Array | Int32Array): void;
  /** `out[o, j, :] = x[o, indices[j], :]` for x `[outer, axisSize, inner]`; throws on an index outside `[0, axisSize)`. */
  gather(x: ArrayBufferView, outer: number, axisSize: number, inner: number, indices: Int32Array, out: ArrayBufferView, elementSize: number): void;
  compare(op: number, a: Float32Array, b: Float32Array, bScalar: boolean, out: Uint8Array, n: number): void;
  select(condition: Uint8Array, a: ArrayBufferView, b: ArrayBufferView, out: ArrayBufferView, n: number): void;
  logicalAnd(a: Uint8Array, b: Uint8Array, out: Uint8Array, n: number): void;
  batchNorm(x: Float32Array, mean: Float32Array, variance: Float32Array, offset: Float32Array | null, scale: Float32Array | null, epsilon: number, y: Float32Array, channels: number): void;
  clip(x: Float32Array, lo: number, hi: number, y: Float32Array): void;
  maxPool(x: Float32Array, y: Float32Array, params: Int32Array): void;
  maxPoolGrad(dy: Float32Array, x: Float32Array, dx: Float32Array, params: Int32Array): void;
  avgPool(x: Float32Array, y: Float32Array, params: Int32Array): void;
  avgPoolGrad(dy: Float32Array, dx: Float32Array, params: Int32Array): void;
}

/** Operation codes shared with native/elementwise.h and native/reduce.h. */
export const UnaryOp = {
  relu: 1, relu6: 2, leakyrelu: 3, elu: 4, sigmoid: 5, tanh: 6, exp: 7, log: 8, neg: 9, abs: 10, sqrt: 11,
  rsqrt: 12, square: 13, reciprocal: 14, step: 15, softplus: 16, expm1: 17, log1p: 18,
} as const;

export const BinaryOp = { add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5, squaredDifference: 6, eluGrad: 7, reluGrad: 8, relu6Grad: 9, pow: 10 } as const;

export const CompareOp = { equal: 0, notEqual: 1, less: 2, lessEqual: 3, greater: 4, greaterEqual: 5 } as const;

export const ReduceOp = { sum: 0, mean: 1, max: 2, min: 3, prod: 4 } as const;
