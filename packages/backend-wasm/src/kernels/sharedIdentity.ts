import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { callStock, type WasmKernelArgs } from './wasmKernel';

/**
 * `Identity` that shares the input's buffer (one more reference) instead of copying it, as tfjs's
 * cpu backend does. tfjs clones every tensor it saves for the backward pass through `Identity`, so
 * on wasm each gradient copied every saved activation: on MobileNetV2 that was 0.9 of 4.5 s of a
 * first input gradient (2 photos), most of it page faults on freshly grown memory. Wasm kernels
 * never write into their inputs, so sharing is safe. Strings keep the stock kernel.
 */
export function sharedIdentity(stock: KernelConfig | undefined): KernelConfig {
  return {
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ((args: WasmKernelArgs) => {
      const { x } = args.inputs as Record<string, TensorInfo>;
      if (x.dtype === 'string' && stock) return callStock(stock, args);
      args.backend.incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
