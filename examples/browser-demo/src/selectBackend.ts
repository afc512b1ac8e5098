import { registerBackend, useBackend } from '@glassbox/core';
import { wasmBackend, wasmBackendInfo } from '@glassbox/backend-wasm';
import { webgpuBackend, webgpuBackendInfo } from '@glassbox/backend-webgpu';

/** The backends a visitor can choose. */
export const DEMO_BACKENDS = ['wasm', 'webgpu'] as const;
export type DemoBackend = (typeof DEMO_BACKENDS)[number];

/** What {@link selectBackend} achieved: the backend now running, and why it is not the one asked for. */
export interface BackendStatus {
  requested: DemoBackend;
  active: string;
  fellBack: boolean;
  /** Why the requested backend could not run (its typed error's message), when it fell back. */
  reason?: string | undefined;
  /** How the active backend runs: SIMD and threads for wasm, the adapter for WebGPU. */
  detail: string;
}

let registered = false;

/**
 * Switches to the chosen backend, falling back to wasm (then cpu) when WebGPU is unavailable, and
 * says what runs and why. The first call registers the wasm and WebGPU providers.
 *
 * @example
 * ```ts
 * const s = await selectBackend('webgpu');
 * if (s.fellBack) notice(`WebGPU unavailable (${s.reason}); running on ${s.active}`);
 * ```
 */
export async function selectBackend(choice: DemoBackend): Promise<BackendStatus> {
  if (!registered) {
    registerBackend(wasmBackend());
    registerBackend(webgpuBackend({ warmup: false }));
    registered = true;
  }
  const selection = await useBackend(choice, { fallback: choice === 'webgpu' ? ['wasm', 'cpu'] : ['cpu'] });
  const failure = selection.failures.find((f) => f.backend === choice);
  return { requested: choice, active: selection.name, fellBack: selection.fellBack, reason: failure?.reason, detail: describe(selection.name) };
}

function describe(name: string): string {
  if (name === 'wasm') {
    const info = wasmBackendInfo();
    return info ? `SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread${info.threads === 1 ? '' : 's'}` : '';
  }
  if (name === 'webgpu') {
    const a = webgpuBackendInfo()?.adapter;
    return a ? [a.vendor, a.architecture, a.description].filter(Boolean).join(' ') : '';
  }
  return name === 'cpu' ? 'plain JavaScript' : '';
}
