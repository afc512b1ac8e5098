import { defineConfig } from 'vitest/config';

// Tests import @glassbox/core the way users do: from its built package (CI builds it first).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
