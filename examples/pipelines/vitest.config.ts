import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// Like @glassbox/*, the occlusion plugin is tested from its sources, so that one copy of core is loaded.
const plugin = fileURLToPath(new URL('../custom-explainer/src/index.ts', import.meta.url));
export default mergeConfig(
  defineConfig(sharedTestConfig(import.meta.dirname)),
  defineConfig({ resolve: { alias: [{ find: /^glassbox-plugin-occlusion$/, replacement: plugin }] } }),
);
