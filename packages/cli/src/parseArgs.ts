import { InvalidOptionError } from '@glassbox/core';

/** A parsed command line: the command, positional arguments and `--flags` (kebab-case kept). */
export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  /** Flag name → value; a `Map`, so names such as `__proto__` or `constructor` are plain keys. */
  flags: Map<string, string>;
}

/** Flag names: kebab-case words, optionally `metric.option` (no `_`, so never `__proto__`). */
const FLAG_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)?$/i;

/** The longest argument accepted (a value longer than this is a mistake, not a path). */
export const MAX_ARG_LENGTH = 64 * 1024;

/**
 * Parses `command [positional…] --flag value --flag=value --bool`, strictly: a flag followed by
 * another flag (or nothing) is `"true"`; a flag given twice, a malformed name (`--__proto__`, `-x`,
 * `---a`), or an argument over {@link MAX_ARG_LENGTH} characters is an `INVALID_OPTION` error.
 * Which flags and how many positional words a command accepts is checked by the command
 * ({@link takeFlag} and `finishFlags`).
 *
 * A parser of our own, not `node:util` `parseArgs`: method and metric flags come from plugin option
 * schemas, known only after the plugins are loaded, and util's strict mode needs every option up
 * front. Values stay strings in a `Map` until a typed reader (`takeNumber` …) checks them.
 *
 * @example
 * ```ts
 * parseArgs(['explain', '--method', 'saliency', '--steps=8']).flags.get('steps'); // '8'
 * ```
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (typeof a !== 'string') throw new InvalidOptionError(`Argument ${i + 1} is not text`, { index: i });
    if (a.length > MAX_ARG_LENGTH) throw new InvalidOptionError(`Argument ${i + 1} is ${a.length} characters long; the limit on one argument is ${MAX_ARG_LENGTH}`, { index: i, limit: MAX_ARG_LENGTH });
    if (a.startsWith('--') && a !== '--') {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!FLAG_NAME.test(name)) {
        throw new InvalidOptionError(`Malformed flag "${a.slice(0, 80)}"; expected --name value, with a kebab-case name such as --memory-budget-mb`, { flag: a.slice(0, 80) });
      }
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (i + 1 < argv.length && !(argv[i + 1]!.startsWith('--') && argv[i + 1]!.length > 2)) value = argv[++i]!;
      else value = 'true';
      if (value.length > MAX_ARG_LENGTH) throw new InvalidOptionError(`The value of --${name} is ${value.length} characters long; the limit on one argument is ${MAX_ARG_LENGTH}`, { flag: name, limit: MAX_ARG_LENGTH });
      if (flags.has(name)) throw new InvalidOptionError(`Flag --${name} given twice; give each flag once`, { flag: name });
      flags.set(name, value);
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      throw new InvalidOptionError(`Malformed flag "${a.slice(0, 80)}"; flags start with two dashes (--name value)`, { flag: a.slice(0, 80) });
    } else if (command === undefined) command = a;
    else positional.push(a);
  }
  return { command, positional, flags };
}

/** Takes a flag out of the map (so that leftovers can be checked as method options). */
export function takeFlag(flags: Map<string, string>, name: string): string | undefined {
  const v = flags.get(name);
  flags.delete(name);
  return v;
}
