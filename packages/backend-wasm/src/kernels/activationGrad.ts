import { util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmKernelArgs } from './wasmKernel';

/** The kernel name `@glassbox/core` looks up for fused relu/relu6 gradients (its `ACTIVATION_GRAD_KERNEL`). */
export const ACTIVATION_GRAD = 'GlassboxActivationGrad';

/**
 * `GlassboxActivationGrad` on wasm: the gradient through a fused ReLU / ReLU6 from the kernel's
 * output `y`, `dy · [0 < y]` or `dy · [0 < y < 6]`, in one pass over the heap. Without it core
 * composes step, sub and two multiplies, five passes over a MobileNet-sized activation. Views on
 * the heap are taken after the output is allocated, because an allocation may grow (and detach)
 * the heap.
 */
export function activationGrad(): KernelConfig {
  return {
    kernelName: ACTIVATION_GRAD,
    backendName: 'wasm',
    kernelFunc: ((args: WasmKernelArgs) => {
      const { backend } = args;
      const { dy, y } = args.inputs as Record<string, TensorInfo>;
      const { activation } = (args.attrs ?? {}) as { activation?: string };
      if (activation !== 'relu' && activation !== 'relu6') throw new Error(`${ACTIVATION_GRAD} on wasm: activation must be relu or relu6, got ${String(activation)}`);
      if (dy.dtype !== 'float32' || y.dtype !== 'float32' || !util.arraysEqual(dy.shape, y.shape)) {
        throw new Error(`${ACTIVATION_GRAD} on wasm: expected float32 dy and y of one shape, got ${dy.dtype}[${dy.shape}] and ${y.dtype}[${y.shape}]`);
      }
      const out = backend.makeOutput(dy.shape, 'float32');
      const g = backend.typedArrayFromHeap(dy) as Float32Array;
      const v = backend.typedArrayFromHeap(y) as Float32Array;
      const o = backend.typedArrayFromHeap(out) as Float32Array;
      const n = o.length;
      if (activation === 'relu') {
        for (let i = 0; i < n; i++) o[i] = v[i] > 0 ? g[i] : 0;
      } else {
        for (let i = 0; i < n; i++) {
          const t = v[i];
          o[i] = t > 0 && t < 6 ? g[i] : 0;
        }
      }
      return out;
    }) as unknown as KernelConfig['kernelFunc'],
  };
}
