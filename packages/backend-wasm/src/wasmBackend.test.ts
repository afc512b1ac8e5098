import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackends, useBackend } from '@glassbox/core';
import { createTinyMlp, randomInputs, referenceExplainer } from '@glassbox/core/testing';
import { wasmBackend, wasmBackendInfo } from './wasmBackend';
import { locateWasmFiles } from './locateWasmFiles';
import { configuredWasmPaths, wasmPaths, WASM_FILE_NAMES } from './wasmPaths';

describe('wasmBackend', () => {
  it('is a provider named wasm, between cpu and native by priority', () => {
    expect(wasmBackend()).toMatchObject({ name: 'wasm', tfjsName: 'wasm', priority: 20 });
    expect(wasmBackend({ priority: 5 }).priority).toBe(5);
  });

  it('finds the .wasm binaries in Node without being told where', async () => {
    const dir = (await locateWasmFiles())!;
    expect(dir).toMatch(/tfjs-backend-wasm[\\/]dist[\\/]$/);
    for (const f of WASM_FILE_NAMES) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('wasmPaths refuses malformed paths with a typed error and keeps valid ones', () => {
    expect(() => wasmPaths('')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => wasmPaths({ 'tfjs-backend-wasm.wasm': '/a.wasm' } as never)).toThrow(/missing tfjs-backend-wasm-simd\.wasm, tfjs-backend-wasm-threaded-simd\.wasm/);
    expect(() => wasmPaths(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(configuredWasmPaths()).toBeUndefined();
  });

  it('the register entry makes useBackend("wasm") work; explanations record wasm; SIMD in Node, no threads', async () => {
    await import('./register');
    expect(listBackends().map((b) => b.name)).toContain('wasm');
    const selection = await useBackend('wasm');
    expect(selection).toEqual({ name: 'wasm', failures: [], fellBack: false });
    expect(tf.getBackend()).toBe('wasm');
    expect(wasmBackendInfo()).toMatchObject({ simd: true, threaded: false, threads: 1, tunedKernels: true });
    expect(wasmBackendInfo()!.wasmPaths).toBe(await locateWasmFiles());
    const model = createTinyMlp();
    const e = await referenceExplainer().explain(model, randomInputs(3, [6]));
    model.dispose?.();
    expect(e.backend).toBe('wasm');
    await useBackend('cpu');
  });
});
