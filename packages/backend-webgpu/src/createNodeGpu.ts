import { WebGpuUnavailableError } from './WebGpuUnavailableError';
import { importAtRuntime } from '@glassbox/core';
import type { GpuLike } from './gpuTypes';

interface WebGpuPackage {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/**
 * In Node, a `GPU` (what browsers call `navigator.gpu`) from Dawn through the optional `webgpu`
 * package, after defining the WebGPU globals (`GPUBufferUsage` …) that tfjs reads. `dawnOptions`
 * go to its `create()` (e.g. `['backend=vulkan']`).
 *
 * @example
 * ```ts
 * const gpu = await createNodeGpu();
 * const adapter = await gpu.requestAdapter();
 * ```
 */
export async function createNodeGpu(dawnOptions: readonly string[] = []): Promise<GpuLike> {
  let pkg: WebGpuPackage;
  try {
    pkg = await importAtRuntime<WebGpuPackage>('webgpu');
  } catch (e) {
    throw new WebGpuUnavailableError(
      'webgpu-package-missing',
      `WebGPU in Node needs the optional peer dependency "webgpu" (Dawn): npm install webgpu (${(e as Error).message})`,
      {},
      { cause: e },
    );
  }
  const g = globalThis as Record<string, unknown>;
  for (const [key, value] of Object.entries(pkg.globals)) if (!(key in g)) g[key] = value;
  return pkg.create([...dawnOptions]);
}
