/**
 * Side-effect entry: `import '@glassbox/backend-wasm/register'` makes `useBackend('wasm')` and
 * `--backend wasm` available with default options.
 */
import { registerBackend } from '@glassbox/core';
import { wasmBackend } from './wasmBackend';

registerBackend(wasmBackend());
