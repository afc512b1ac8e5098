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
