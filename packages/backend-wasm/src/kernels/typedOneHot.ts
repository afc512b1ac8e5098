import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { callStock, wrapStock, type WasmKernelArgs } from './wasmKernel';

/**
 * `OneHot` that honours its dtype. The stock wasm kernel writes int32 values whatever the dtype,
 * so `tf.oneHot(i, n, 1, 0, 'float32')` holds the bit pattern of int 1 (1.4e-45) and every
 * gradient selected through a float mask (core's `selectTargets`) comes out as zeros.
 */
export function typedOneHot(stock: KernelConfig | undefined): KernelConfig {
  return wrapStock(stock, 'typedOneHot', (stock) => (args: WasmKernelArgs) => {
    const { backend } = args;
    const { indices } = args.inputs as Record<string, TensorInfo>;
    const { dtype, depth, onValue, offValue } = args.attrs as { dtype: 'float32' | 'int32' | 'bool'; depth: number; onValue: number; offValue: number };
    if (dtype === 'int32') return callStock(stock, args);
    const out = backend.makeOutput([...indices.shape, depth], dtype);
    const idx = backend.typedArrayFromHeap(indices);
    const values = backend.typedArrayFromHeap(out);
    values.fill(offValue);
    for (let i = 0; i < idx.length; i++) {
      const j = idx[i];
      if (j >= 0 && j < depth) values[i * depth + j] = onValue;
    }
    return out;
  });
}
