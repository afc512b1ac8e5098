// A fresh process (its own test file): `simd: false` and `threads: 1` set tfjs flags that
// @tensorflow/tfjs-backend-wasm registers when it is first imported, which the provider does itself.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { registerBackend, useBackend } from '@glassbox/core';
import { createTinyMlp, randomInputs, referenceExplainer } from '@glassbox/core/testing';
import { wasmBackend, wasmBackendInfo } from './wasmBackend';

describe('wasmBackend options before tfjs-backend-wasm is loaded', () => {
  it('{ simd: false, threads: 1 } starts the plain single-threaded binary (the flags are set once tfjs has registered them)', async () => {
    expect(tf.env().getFlags()).not.toHaveProperty('WASM_HAS_SIMD_SUPPORT');
    registerBackend(wasmBackend({ simd: false, threads: 1 }));
    const selection = await useBackend('wasm');
    expect(selection).toEqual({ name: 'wasm', failures: [], fellBack: false });
    expect(wasmBackendInfo()).toMatchObject({ simd: false, threaded: false, threads: 1 });
    const model = createTinyMlp();
    const e = await referenceExplainer().explain(model, randomInputs(2, [6]));
    model.dispose?.();
    expect(e.backend).toBe('wasm');
    expect(e.attributions.every(Number.isFinite)).toBe(true);
    await useBackend('cpu');
  });
});
