import { defineConfig } from 'tsup';

// Scripts, not a library: ESM only, workspace packages and tfjs stay external (their dists).
export default defineConfig({
  entry: { main: 'src/main.ts', train: 'src/train.ts', fidelityByDepth: 'src/fidelityByDepth.ts' },
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
