import { defineConfig } from 'tsup';
import { scriptsConfig } from '../../tsup.base.ts';

/** The two runnable pipelines; workspace packages stay external (their built dist). */
export default defineConfig(scriptsConfig({ smoothIgMain: 'src/smoothIgMain.ts', agreementMain: 'src/agreementMain.ts' }, { target: 'node20' }));
