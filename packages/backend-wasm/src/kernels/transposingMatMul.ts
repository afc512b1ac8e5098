import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { callStock, release, run, type WasmKernelArgs } from './wasmKernel';

/**
 * `BatchMatMul` / `_FusedMatMul` for the wasm backend that transposes a transposed operand first
 * and then runs the stock kernel without transposes. The stock kernel sends any transposed
 * operand to a naive loop instead of XNNPACK (10–40× slower), and every matMul gradient has one
 * (`dA = dY·Bᵀ`, `dB = Aᵀ·dY`); a transpose costs one pass over the operand.
 */
export function transposingMatMul(stock: KernelConfig | undefined): KernelConfig {
  if (!stock) throw new Error('transposingMatMul wraps the stock wasm kernel, which is not registered');
  return {
    kernelName: stock.kernelName,
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    disposeFunc: stock.disposeFunc,
    kernelFunc: ((args: WasmKernelArgs) => {
      const { backend } = args;
      const inputs = args.inputs as Record<string, TensorInfo>;
      const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
      if (!attrs.transposeA && !attrs.transposeB) return callStock(stock, args);
      const temps: TensorInfo[] = [];
      const swap = (t: TensorInfo): TensorInfo => {
        const r = t.shape.length;
        const perm = [...Array(r - 2).keys(), r - 1, r - 2];
        const out = run('Transpose', backend, { x: t }, { perm });
        temps.push(out);
        return out;
      };
      try {
        const a = attrs.transposeA ? swap(inputs.a) : inputs.a;
        const b = attrs.transposeB ? swap(inputs.b) : inputs.b;
        return callStock(stock, { inputs: { ...inputs, a, b }, backend, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        release(backend, temps);
      }
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
