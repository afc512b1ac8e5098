import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Tests run against sources: `@glassbox/<pkg>` maps to `packages/<pkg>/src/index.ts`
 * and `@glassbox/<pkg>/<entry>` to `packages/<pkg>/src/<entry>.ts`.
 */
export const sourceAliases = [
  { find: /^@glassbox\/([a-z0-9-]+)$/, replacement: resolve(root, 'packages/$1/src/index.ts') },
  { find: /^@glassbox\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: resolve(root, 'packages/$1/src/$2.ts') },
];

export function sharedTestConfig(dir: string = root): ViteUserConfig {
  return {
    resolve: { alias: sourceAliases },
    test: {
      root: dir,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      server: {
        deps: {
          // tfjs-core's per-file ESM (its gradients) has extensionless imports: let Vite resolve them.
          inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/],
        },
      },
    },
  };
}
