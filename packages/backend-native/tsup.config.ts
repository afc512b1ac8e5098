import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base.ts';

// shims: the CJS build gets a working `import.meta.url` (the addon is located from this module's path).
export default defineConfig(packageConfig(['index', 'register'], { external: [/^node:/], shims: true }));
