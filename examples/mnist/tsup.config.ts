import { defineConfig } from 'tsup';
import { scriptsConfig } from '../../tsup.base.ts';

/** The main job (dist/main.js) and the Grad-CAM variant (dist/gradcam.js); workspace packages stay external (their built dist). */
export default defineConfig(scriptsConfig({ main: 'src/main.ts', gradcam: 'src/gradcam.ts' }, { target: 'node20' }));
