import { engine, getKernel, type DataId, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmKernelArgs } from './wasmKernel';

interface CpuBackendLike {
  write(values: unknown, shape: number[], dtype: string): DataId;
  readSync(dataId: DataId): unknown;
  disposeData(dataId: DataId): boolean;
}

/**
 * A wasm kernel for `kernelName` that the wasm backend lacks, computed by tfjs's cpu kernel: the
 * inputs are copied off the wasm heap into the cpu backend, the cpu kernel runs, and its outputs
 * are copied back. Numerically identical to the cpu backend; as fast as it. This is what lets
 * gradients flow on wasm through ops tfjs never ported (conv filter gradients, embedding lookups'
 * `UnsortedSegmentSum`, depthwise gradients with unusual paddings, `Einsum`).
 */
export function cpuBridge(kernelName: string): KernelConfig {
  const cpuKernel = getKernel(kernelName, 'cpu');
  if (!cpuKernel) throw new Error(`tfjs's cpu backend has no ${kernelName} kernel to bridge to (import @tensorflow/tfjs-backend-cpu)`);
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ((args: WasmKernelArgs) => {
      const { backend } = args;
      const cpu = engine().findBackend('cpu') as unknown as CpuBackendLike | null;
      if (!cpu) throw new Error(`${kernelName} on wasm runs tfjs's cpu kernel, but the cpu backend is not registered`);
      const moved: TensorInfo[] = [];
      const move = (t: TensorInfo): TensorInfo => {
        const info = { dataId: cpu.write(backend.readSync(t.dataId), t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
        moved.push(info);
        return info;
      };
      const inputs = Array.isArray(args.inputs)
        ? args.inputs.map(move)
        : Object.fromEntries(Object.entries(args.inputs).map(([k, t]) => [k, t == null ? t : move(t)]));
      try {
        const result = (cpuKernel.kernelFunc as unknown as (a: unknown) => TensorInfo | TensorInfo[])({ inputs, attrs: args.attrs, backend: cpu });
        const outputs = Array.isArray(result) ? result : [result];
        const back = outputs.map((o) => {
          const values = cpu.readSync(o.dataId) as Float32Array | Int32Array | Uint8Array;
          cpu.disposeData(o.dataId);
          return backend.makeOutput(o.shape, o.dtype, undefined, values);
        });
        return Array.isArray(result) ? back : back[0];
      } finally {
        for (const t of moved) cpu.disposeData(t.dataId);
      }
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
