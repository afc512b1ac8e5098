import { getKernel, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** What a wasm kernel function receives. */
export interface WasmKernelArgs {
  inputs: Record<string, TensorInfo> | TensorInfo[];
  backend: BackendWasm;
  attrs?: NamedAttrMap;
}

/** A kernel function of the wasm backend. */
export type WasmKernelFunc = (args: WasmKernelArgs) => TensorInfo | TensorInfo[];

/** The kernel function registered for `name` on the wasm backend now (throws if none). */
export function wasmKernel(name: string): WasmKernelFunc {
  const config = getKernel(name, 'wasm');
  if (!config) throw new Error(`the tfjs wasm backend has no ${name} kernel registered`);
  return config.kernelFunc as unknown as WasmKernelFunc;
}

/** Runs wasm kernel `name` and returns its single output. */
export function run(name: string, backend: BackendWasm, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
  return wasmKernel(name)({ inputs, backend, attrs }) as TensorInfo;
}

/** Releases intermediate outputs of kernels called from inside another kernel. */
export function release(backend: BackendWasm, infos: Iterable<TensorInfo>): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

/** A replacement kernel: it may wrap `stock`, the kernel tfjs registered (absent when tfjs has none). */
export type KernelOverride = (stock: KernelConfig | undefined) => KernelConfig;

/** The `args` a stock kernel function expects, typed loosely as tfjs does. */
export function callStock(stock: KernelConfig, args: WasmKernelArgs): TensorInfo | TensorInfo[] {
  return (stock.kernelFunc as unknown as WasmKernelFunc)(args);
}

/**
 * A kernel config that replaces `stock` (tfjs's wasm kernel of the same name) and may call it: same
 * name, setup and dispose hooks, with `kernelFunc` made from the stock kernel. Throws when tfjs
 * registered no such kernel, naming `who`.
 */
export function wrapStock(stock: KernelConfig | undefined, who: string, make: (stock: KernelConfig) => WasmKernelFunc): KernelConfig {
  if (!stock) throw new Error(`${who} wraps the stock wasm kernel, which is not registered`);
  return {
    kernelName: stock.kernelName,
    backendName: 'wasm',
    ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}),
    ...(stock.disposeFunc ? { disposeFunc: stock.disposeFunc } : {}),
    kernelFunc: make(stock) as unknown as KernelConfig['kernelFunc'],
  };
}
