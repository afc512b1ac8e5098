import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base.ts';

export default defineConfig(packageConfig(['index', 'train', 'explain'], { platform: 'node', format: ['esm'], dts: false, external: [/^node:/] }));
