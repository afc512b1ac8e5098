import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base.ts';

// shims: the CJS build gets an `import.meta.url` (locateWasmFiles resolves the binaries from it).
export default defineConfig(packageConfig(['index', 'register'], { shims: true }));
