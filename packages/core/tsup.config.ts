import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base.ts';

export default defineConfig(
  packageConfig(['index', 'testing', 'node', 'numeric'], {
    // tfjs-core's gradient and chained-op registrations are per-file ESM with extensionless
    // imports: bundle them (loaded by src/backend/ensureGradients.ts).
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
    external: [/^node:/],
    // captumReference locates its fixtures from import.meta.url; the CJS build gets a __filename-based shim.
    shims: true,
  }),
);
