import { defineConfig } from 'vitest/config';

// One run over every workspace package and example; each project brings its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'tests/vitest.config.ts'],
  },
});
