import { expect, it } from 'vitest';
import { registerBackend, useBackend } from '@glassbox/core';
import { wasmBackend } from './wasmBackend';

// Its own file (a fresh process): after a failed load, tfjs refuses to load wasm again.
it('binaries that cannot be loaded: the reason names the path, and useBackend falls back', async () => {
  registerBackend(wasmBackend({ wasmPaths: '/nonexistent/glassbox/' }));
  const selection = await useBackend('wasm', { fallback: ['cpu'] });
  expect(selection.name).toBe('cpu');
  expect(selection.fellBack).toBe(true);
  expect(selection.failures).toEqual([{ backend: 'wasm', reason: expect.stringContaining('/nonexistent/glassbox/') }]);
});
