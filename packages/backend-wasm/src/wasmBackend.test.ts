import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineExplainer, listBackends, useBackend } from '@glassbox/core';
import { createTinyMlp, randomInputs, referenceExplainer } from '@glassbox/core/testing';
import { WASM_HEAP_LIMIT, wasmBackend, wasmBackendInfo } from './wasmBackend';
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

  it('bounds the memory budget by its 4 GiB heap: a budget sized for the machine cannot overrun it', async () => {
    await import('./register');
    await useBackend('wasm');
    const limit = wasmBackend().memoryLimitBytes!()!;
    expect(limit).toBeLessThanOrEqual(WASM_HEAP_LIMIT);
    expect(limit).toBeGreaterThan(WASM_HEAP_LIMIT - tf.memory().numBytes - 1);
    const seen: number[] = [];
    const probe = defineExplainer<Record<string, never>, 'attribution'>({
      name: 'budget-probe', kind: 'attribution', package: { name: 'test', version: '0.0.0' }, description: 'records the budget', requires: [], options: {},
      async run({ inputs, context }) {
        seen.push(context.memoryBudgetBytes);
        return { attributions: tf.zerosLike(inputs) };
      },
    });
    const model = createTinyMlp();
    // 16 GiB, as the default budget would be on a machine with 32 GiB free.
    await probe.explain(model, randomInputs(2, [6]), { target: 0, memoryBudgetBytes: 16 * 1024 ** 3 });
    model.dispose?.();
    await useBackend('cpu');
    expect(seen[0]).toBeLessThanOrEqual(WASM_HEAP_LIMIT / 2);
    expect(seen[0]).toBeGreaterThan(WASM_HEAP_LIMIT / 2 - 64 * 1024 ** 2);
  });
});
