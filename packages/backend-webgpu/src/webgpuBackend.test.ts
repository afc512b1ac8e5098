import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, listBackends, registerBackend, useBackend } from '@glassbox/core';
import { createTinyMlp, randomInputs, referenceExplainer, trackTensors } from '@glassbox/core/testing';
import { webgpuBackend } from './webgpuBackend';
import { WebGpuUnavailableError } from './WebGpuUnavailableError';
import { defaultWarmupSteps } from './warmupWorkload';

describe('webgpuBackend', () => {
  it('is a provider named webgpu, preferred over native, wasm and cpu; the register entry registers it', async () => {
    expect(webgpuBackend()).toMatchObject({ name: 'webgpu', tfjsName: 'webgpu', priority: 40 });
    await import('./register');
    const webgpu = listBackends().find((b) => b.name === 'webgpu');
    expect(webgpu?.priority).toBe(40);
    expect(listBackends().at(-1)?.name).toBe('cpu');
  });
});

describe('webgpuBackend without an adapter', () => {
  // Dawn's own answer when the adapter asked for does not exist: requestAdapter() fails.
  const missing = () => webgpuBackend({ dawnOptions: ['adapter=no-such-gpu'], warmup: false });

  it('init throws WebGpuUnavailableError (code WEBGPU_UNAVAILABLE) saying why', async () => {
    const error = await missing().init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebGpuUnavailableError);
    expect((error as WebGpuUnavailableError).code).toBe('WEBGPU_UNAVAILABLE');
    expect((error as WebGpuUnavailableError).reason).toBe('no-adapter');
    expect((error as Error).message).toMatch(/no suitable backends|No WebGPU adapter/);
  });

  it('useBackend("webgpu") with no fallback fails with BackendUnavailableError listing that reason', async () => {
    registerBackend(missing());
    const error = await useBackend('webgpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as BackendUnavailableError).failures).toEqual([{ backend: 'webgpu', code: 'WEBGPU_UNAVAILABLE', reason: expect.stringMatching(/requestAdapter\(\) failed/) }]);
  });

  it('with a fallback it runs on the next backend, says so, and the explanation records it', async () => {
    registerBackend(missing());
    const selection = await useBackend('webgpu', { fallback: ['cpu'] });
    expect(selection).toMatchObject({ name: 'cpu', fellBack: true, failures: [{ backend: 'webgpu' }] });
    const model = createTinyMlp();
    const e = await referenceExplainer().explain(model, randomInputs(2, [6]));
    model.dispose?.();
    expect(e.backend).toBe('cpu');
  });

  it('a browser without navigator.gpu gets reason no-webgpu-api', async () => {
    // What a browser without WebGPU looks like to the provider: no gpu given and none found.
    const provider = webgpuBackend({ gpu: undefined });
    const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const win = (globalThis as { window?: unknown }).window;
    (globalThis as { window?: unknown }).window = globalThis; // not Node: no Dawn
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    try {
      const error = await provider.init().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebGpuUnavailableError);
      expect((error as WebGpuUnavailableError).reason).toBe('no-webgpu-api');
    } finally {
      if (nav) Object.defineProperty(globalThis, 'navigator', nav);
      else delete (globalThis as { navigator?: unknown }).navigator;
      if (win === undefined) delete (globalThis as { window?: unknown }).window;
    }
  });
});

describe('defaultWarmupSteps', () => {
  it('run on cpu with finite results and no leaked tensors', async () => {
    await useBackend('cpu');
    for (const step of defaultWarmupSteps()) {
      const r = await trackTensors(() => {
        const out = tf.tidy(step.run);
        const finite = (Array.isArray(out) ? out : [out]).every((t) => t.dataSync().every(Number.isFinite));
        tf.dispose(out);
        return finite;
      });
      expect(r.value, step.name).toBe(true);
      expect(r.leaked, step.name).toBe(0);
    }
  });
});
