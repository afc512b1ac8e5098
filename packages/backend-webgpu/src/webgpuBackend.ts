import * as tf from '@tensorflow/tfjs-core';
import type { BackendProvider, Progress } from '@glassbox/core';
import { createNodeGpu } from './createNodeGpu';
import type { GpuAdapterInfoLike, GpuAdapterLike, GpuLike } from './gpuTypes';
import { isNode } from '@glassbox/core';
import { defaultWarmupSteps, type WarmupStep } from './warmupWorkload';
import { WebGpuUnavailableError } from './WebGpuUnavailableError';

/** Options of {@link webgpuBackend}. */
export interface WebGpuBackendOptions {
  /** `useBackend('auto')` preference (default 40: above native 30, wasm 20 and cpu 0). */
  priority?: number;
  /** Adapter preference (default `high-performance`). */
  powerPreference?: 'low-power' | 'high-performance';
  /** The WebGPU entry point to use. Default: `navigator.gpu`; in Node, Dawn from the `webgpu` package. */
  gpu?: GpuLike | undefined;
  /** Node: options for the `webgpu` package's `create()`, e.g. `['backend=vulkan']`. */
  dawnOptions?: string[];
  /**
   * Shader warm-up when the backend is selected: `true` (default) compiles the shaders of common
   * explainer ops; a function adds your own work (e.g. a forward and backward pass of your model
   * on one input); `false` skips it and the first explanation compiles instead.
   */
  warmup?: boolean | (() => tf.Tensor | tf.Tensor[]);
  /** Replaces the built-in warm-up work ({@link defaultWarmupSteps}). */
  warmupSteps?: WarmupStep[];
}

/** What {@link webgpuBackend} found. */
export interface WebGpuBackendInfo {
  adapter: GpuAdapterInfoLike;
  /** Shaders compiled by the warm-up, and how long it took. */
  warmup?: { shaders: number; ms: number };
}

let lastInfo: WebGpuBackendInfo | undefined;

/** The adapter in use and the warm-up it did, once initialised. */
export function webgpuBackendInfo(): WebGpuBackendInfo | undefined {
  return lastInfo;
}

interface WebGpuTfjsBackend {
  pipelineCache: Record<string, unknown>;
  checkCompileCompletionAsync(): Promise<void>;
}

function noAdapterHint(): string {
  if (isNode()) {
    return 'Dawn found no GPU adapter. On Linux it needs a Vulkan loader (libvulkan.so.1) and a driver (ICD): install your GPU vendor\'s Vulkan driver, or for a CPU-only machine point VK_ICD_FILENAMES at Chromium\'s SwiftShader (vk_swiftshader_icd.json; see findSwiftShader()) before the process starts';
  }
  return 'navigator.gpu.requestAdapter() returned null: the GPU or its driver is blocklisted, or WebGPU is disabled (chrome://gpu says why; on Linux Chrome needs --enable-unsafe-webgpu)';
}

/** Makes `gpu` reachable as `navigator.gpu` when the environment has none (Node). */
function exposeNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as { navigator?: { gpu?: GpuLike } };
  if (g.navigator?.gpu) return;
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

async function requestDevice(adapter: GpuAdapterLike) {
  // As tfjs asks: its shaders need the adapter's full storage limits.
  const limits = adapter.limits as Record<string, number>;
  const requiredLimits: Record<string, number> = {};
  for (const k of ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup']) {
    if (typeof limits[k] === 'number') requiredLimits[k] = limits[k];
  }
  const requiredFeatures = ['timestamp-query', 'bgra8unorm-storage'].filter((f) => adapter.features.has(f));
  try {
    return await adapter.requestDevice({ requiredFeatures, requiredLimits });
  } catch (e) {
    throw new WebGpuUnavailableError('device-request-failed', `The WebGPU adapter refused a device: ${(e as Error).message}`, {}, { cause: e });
  }
}

/**
 * tfjs's WebGPU backend as a Glassbox {@link BackendProvider} named `webgpu`: the GPU in a browser,
 * and in Node through Dawn (the optional `webgpu` package). When there is no WebGPU or no adapter,
 * `init` throws a {@link WebGpuUnavailableError} that says why, which `useBackend` reports (or
 * falls back on). Selecting it compiles the shaders of common explainer ops (reported as progress
 * `backend:webgpu`) so the first explanation is not a silent multi-second compile.
 *
 * @example
 * ```ts
 * registerBackend(webgpuBackend());
 * const sel = await useBackend('webgpu', { fallback: ['wasm', 'cpu'], onProgress: console.log });
 * if (sel.fellBack) console.warn(`running on ${sel.name}: ${sel.failures[0].reason}`);
 * ```
 */
export function webgpuBackend(options: WebGpuBackendOptions = {}): BackendProvider & { warmup(onProgress?: (p: Progress) => void): Promise<void> } {
  let adapterInfo: GpuAdapterInfoLike = {};
  const warmed = new WeakSet<object>();
  return {
    name: 'webgpu',
    tfjsName: 'webgpu',
    priority: options.priority ?? 40,
    description: 'WebGPU (browser GPU; Dawn in Node)',
    async init() {
      const gpu = options.gpu ?? (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu ?? (isNode() ? await createNodeGpu(options.dawnOptions) : undefined);
      if (!gpu) {
        throw new WebGpuUnavailableError('no-webgpu-api', 'This browser exposes no WebGPU (navigator.gpu is undefined): it needs a WebGPU-capable browser (Chrome/Edge 113+, Safari 26+, Firefox 141+ on Windows) and a secure origin (https or localhost)');
      }
      let adapter: GpuAdapterLike | null;
      try {
        adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
      } catch (e) {
        throw new WebGpuUnavailableError('no-adapter', `requestAdapter() failed: ${(e as Error).message}`, {}, { cause: e });
      }
      if (!adapter) throw new WebGpuUnavailableError('no-adapter', `No WebGPU adapter: ${noAdapterHint()}`, isNode() ? { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? null } : {});
      const webgpu = await import('@tensorflow/tfjs-backend-webgpu');
      const registry = tf.engine().registry as Record<string, unknown>;
      if (!registry.webgpu) {
        const device = await requestDevice(adapter);
        adapterInfo = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
        exposeNavigatorGpu(gpu); // tfjs's backend checks navigator.gpu
        let backend: tf.KernelBackend;
        try {
          backend = new webgpu.WebGPUBackend(device as never, adapterInfo as never);
        } catch (e) {
          device.destroy();
          throw new WebGpuUnavailableError('backend-init-failed', `tfjs's WebGPU backend failed to start: ${(e as Error).message}`, {}, { cause: e });
        }
        // Replace tfjs's own factory (which asks navigator.gpu for another adapter) with this device.
        if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
        tf.registerBackend('webgpu', () => backend, 3);
      }
      if (!(await tf.setBackend('webgpu'))) {
        throw new WebGpuUnavailableError('backend-init-failed', `tfjs's WebGPU backend failed to start on ${adapterInfo.vendor ?? 'the adapter'} ${adapterInfo.architecture ?? ''}`.trim());
      }
      lastInfo = { adapter: { vendor: adapterInfo.vendor, architecture: adapterInfo.architecture, device: adapterInfo.device, description: adapterInfo.description } };
    },
    async warmup(onProgress?: (p: Progress) => void) {
      if (options.warmup === false) return;
      const backend = tf.backend() as unknown as WebGpuTfjsBackend;
      if (warmed.has(backend)) return; // useBackend calls warmup on every switch
      const steps: WarmupStep[] = [...(options.warmupSteps ?? defaultWarmupSteps())];
      if (typeof options.warmup === 'function') steps.push({ name: 'custom warm-up', run: options.warmup });
      const started = Date.now();
      // Compile-only mode records no GPU work: tfjs creates the pipelines asynchronously, in parallel.
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
      try {
        for (const [i, step] of steps.entries()) {
          onProgress?.({ stage: 'backend:webgpu', done: i, total: steps.length, message: `compiling shaders: ${step.name}` });
          tf.dispose(tf.tidy(step.run));
        }
        await backend.checkCompileCompletionAsync();
      } finally {
        tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
      }
      warmed.add(backend);
      onProgress?.({ stage: 'backend:webgpu', done: steps.length, total: steps.length, message: 'shaders compiled' });
      lastInfo = { adapter: lastInfo?.adapter ?? adapterInfo, warmup: { shaders: Object.keys(backend.pipelineCache).length, ms: Date.now() - started } };
    },
  };
}
