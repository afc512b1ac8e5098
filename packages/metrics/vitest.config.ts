import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// isolate: false lets the test files of a worker share one module graph, so tfjs-core's gradient
// registrations are transformed and loaded once per worker instead of once per file.
export default mergeConfig(defineConfig(sharedTestConfig(import.meta.dirname)), defineConfig({ test: { isolate: false } }));
