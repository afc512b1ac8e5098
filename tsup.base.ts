import type { Options } from 'tsup';

/** The house build: ESM + CJS with declarations, one file per public entry. */
export function packageConfig(entries: string[], overrides: Options = {}): Options {
  return {
    entry: Object.fromEntries(entries.map((e) => [e, `src/${e}.ts`])),
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: false,
    ...overrides,
  };
}

/**
 * An example's runnable scripts, not a library: ESM only, for node. Workspace packages and tfjs stay
 * external (their dists); the private `@glassbox-examples/*` helpers, which are TypeScript sources, are bundled.
 */
export function scriptsConfig(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    clean: true,
    target: 'es2022',
    platform: 'node',
    noExternal: [/^@glassbox-examples\//],
    ...overrides,
  };
}
