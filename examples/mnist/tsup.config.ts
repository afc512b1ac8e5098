import { defineConfig } from 'tsup';

/** The main job (dist/main.js) and the Grad-CAM variant (dist/gradcam.js); workspace packages stay external (their built dist). */
export default defineConfig({
  entry: { main: 'src/main.ts', gradcam: 'src/gradcam.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  dts: false,
  sourcemap: false,
});
