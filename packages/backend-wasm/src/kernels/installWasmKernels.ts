import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { ACTIVATION_GRAD, activationGrad } from './activationGrad';
import { conv2DBackpropInputViaConv } from './convBackpropInput';
import { cpuBridge } from './cpuBridge';
import { depthwiseBackpropInputViaConv } from './depthwiseBackpropInput';
import { firstMaxPoolGrad } from './firstMaxPoolGrad';
import { heapSlice } from './heapSlice';
import { sharedIdentity } from './sharedIdentity';
import { typedOneHot } from './typedOneHot';
import { transposingMatMul } from './transposingMatMul';

/**
 * Kernels Glassbox replaces on wasm: the stock ones are slow for explainer workloads (`Identity`
 * copies), wrong (`OneHot`), or disagree with tfjs's cpu backend and PyTorch (`MaxPoolGrad` sends the
 * gradient of a tie to the last maximum of the window, they send it to the first; on the MNIST CNN,
 * whose blank background makes ties common, integrated gradients differed by 40% of the largest
 * attribution).
 */
export const REPLACED_WASM_KERNELS = ['BatchMatMul', '_FusedMatMul', 'Conv2DBackpropInput', 'Slice', 'OneHot', 'Identity', 'MaxPoolGrad'] as const;

/**
 * Kernels the stock wasm backend lacks that gradients need; Glassbox adds them (`GlassboxActivationGrad`:
 * one-pass relu/relu6 gradients of core's fused kernels).
 */
export const ADDED_WASM_KERNELS = [
  'DepthwiseConv2dNativeBackpropInput',
  ACTIVATION_GRAD,
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'UnsortedSegmentSum',
  'Einsum',
] as const;

const KEY = Symbol.for('glassbox.wasmKernels');
interface Installed {
  /** What was registered under each name before (undefined: nothing). */
  previous: Map<string, KernelConfig | undefined>;
}

function globalSlot(): { installed?: Installed | undefined } {
  const g = globalThis as Record<symbol, { installed?: Installed | undefined } | undefined>;
  return (g[KEY] ??= {});
}

function build(stock: (name: string) => KernelConfig | undefined): KernelConfig[] {
  const existingOrBridge = (name: string) => stock(name) ?? cpuBridge(name);
  return [
    transposingMatMul(stock('BatchMatMul')),
    transposingMatMul(stock('_FusedMatMul')),
    conv2DBackpropInputViaConv(stock('Conv2DBackpropInput')),
    heapSlice(stock('Slice')),
    typedOneHot(stock('OneHot')),
    sharedIdentity(stock('Identity')),
    firstMaxPoolGrad(),
    // Added kernels keep a later tfjs's own implementation when it ships one.
    stock('DepthwiseConv2dNativeBackpropInput') ?? depthwiseBackpropInputViaConv(cpuBridge('DepthwiseConv2dNativeBackpropInput')),
    existingOrBridge('Conv2DBackpropFilter'),
    existingOrBridge('DepthwiseConv2dNativeBackpropFilter'),
    existingOrBridge('UnsortedSegmentSum'),
    existingOrBridge('Einsum'),
    stock(ACTIVATION_GRAD) ?? activationGrad(),
  ];
}

/**
 * Registers Glassbox's wasm kernels ({@link REPLACED_WASM_KERNELS}, {@link ADDED_WASM_KERNELS})
 * over tfjs's. Call after `@tensorflow/tfjs-backend-wasm` is imported; `wasmBackend()` does.
 * Idempotent. Returns the kernel names now provided by Glassbox.
 *
 * @example
 * ```ts
 * await import('@tensorflow/tfjs-backend-wasm');
 * installWasmKernels(); // ['BatchMatMul', '_FusedMatMul', …]
 * ```
 */
export function installWasmKernels(): string[] {
  const slot = globalSlot();
  const names = [...REPLACED_WASM_KERNELS, ...ADDED_WASM_KERNELS];
  if (slot.installed) return names;
  if (!getKernel('BatchMatMul', 'wasm')) throw new Error('installWasmKernels: import @tensorflow/tfjs-backend-wasm first (no wasm kernels are registered)');
  const previous = new Map<string, KernelConfig | undefined>(names.map((n) => [n, getKernel(n, 'wasm')]));
  const configs = build((n) => previous.get(n));
  for (const config of configs) {
    if (config === previous.get(config.kernelName)) continue;
    if (previous.get(config.kernelName)) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
  slot.installed = { previous };
  return names;
}

/**
 * Puts tfjs's stock wasm kernels back (and removes the added ones), for comparisons and
 * benchmarks. A later `installWasmKernels()` installs Glassbox's again.
 */
export function restoreStockWasmKernels(): void {
  const slot = globalSlot();
  if (!slot.installed) return;
  for (const [name, config] of slot.installed.previous) {
    const now = getKernel(name, 'wasm');
    if (now === config) continue;
    if (now) unregisterKernel(name, 'wasm');
    if (config) registerKernel(config);
  }
  slot.installed = undefined;
}

/** True while Glassbox's wasm kernels are installed. */
export function wasmKernelsInstalled(): boolean {
  return globalSlot().installed !== undefined;
}
