import { defineConfig } from 'tsup';

/** The two runnable pipelines; workspace packages stay external (their built dist). */
export default defineConfig({
  entry: { smoothIgMain: 'src/smoothIgMain.ts', agreementMain: 'src/agreementMain.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  dts: false,
  sourcemap: false,
});
