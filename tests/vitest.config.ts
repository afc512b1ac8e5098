import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

// Repository-level tests that exercise built packages (release path, browser).
const base = sharedTestConfig(import.meta.dirname);
export default defineConfig({ ...base, test: { ...base.test, name: 'repository', include: ['**/*.test.ts'] } });
