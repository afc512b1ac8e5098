import { defineConfig } from 'tsup';
import { scriptsConfig } from '../../tsup.base.ts';

export default defineConfig(scriptsConfig({ main: 'src/main.ts', train: 'src/train.ts', fidelityByDepth: 'src/fidelityByDepth.ts' }));
