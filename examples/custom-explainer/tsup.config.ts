import { defineConfig } from 'tsup';

// A plugin ships ESM + CJS with type declarations; @glassbox/core and tfjs-core stay external
// (they are peer dependencies, so the application's single copy is used).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
