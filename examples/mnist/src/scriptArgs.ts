import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The parsed flags: a string for each string flag with a default. */
export type ScriptArgs<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

/**
 * Parses an example script's flags. `pnpm demo -- --out x.png` hands the script a leading `--`,
 * which `parseArgs` would read as the end of the flags: it is dropped. A bad flag prints what the
 * script takes and exits with status 2, instead of a stack trace.
 *
 * @example
 * ```ts
 * const args = scriptArgs(process.argv.slice(2), { out: { type: 'string', default: 'x.png' } }, 'pnpm demo [--out file.png]');
 * ```
 */
export function scriptArgs<O extends Options>(argv: readonly string[], options: O, usage: string): ScriptArgs<O> {
  try {
    return parseArgs({ args: argv.filter((a, i) => !(i === 0 && a === '--')), options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    console.error(`${(e as Error).message}; usage: ${usage}`);
    process.exit(2);
  }
}
