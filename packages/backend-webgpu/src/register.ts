/**
 * Side-effect entry: `import '@glassbox/backend-webgpu/register'` makes `useBackend('webgpu')` and
 * `--backend webgpu` available with default options.
 */
import { registerBackend } from '@glassbox/core';
import { webgpuBackend } from './webgpuBackend';

registerBackend(webgpuBackend());
