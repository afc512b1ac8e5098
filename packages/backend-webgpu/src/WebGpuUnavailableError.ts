import { GlassboxError } from '@glassbox/core';

/**
 * Why WebGPU could not be used:
 * - `no-webgpu-api`: the environment has no `navigator.gpu` (old browser, insecure origin, Node
 *   without the `webgpu` package);
 * - `webgpu-package-missing`: in Node, the optional peer dependency `webgpu` is not installed;
 * - `no-adapter`: `requestAdapter()` found no GPU (no driver, blocklisted GPU, no Vulkan in Node);
 * - `device-request-failed`: the adapter refused to create a device;
 * - `backend-init-failed`: tfjs's WebGPU backend failed to start on that device.
 */
export type WebGpuUnavailableReason = 'no-webgpu-api' | 'webgpu-package-missing' | 'no-adapter' | 'device-request-failed' | 'backend-init-failed';

/**
 * WebGPU is not available here; `reason` says which step failed and the message says what to do.
 * Code: `WEBGPU_UNAVAILABLE`. `useBackend('webgpu')` reports it among its failures (and falls back
 * when given a fallback).
 *
 * @example
 * ```ts
 * try { await webgpuBackend().init(); }
 * catch (e) { if (e instanceof WebGpuUnavailableError && e.reason === 'no-adapter') showCpuNotice(e.message); }
 * ```
 */
export class WebGpuUnavailableError extends GlassboxError {
  readonly reason: WebGpuUnavailableReason;
  constructor(reason: WebGpuUnavailableReason, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('WEBGPU_UNAVAILABLE', message, { reason, ...details }, options);
    this.reason = reason;
  }
}
