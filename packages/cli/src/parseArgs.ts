import { InvalidOptionError } from '@glassbox/core';

/** A parsed command line: the command, positional arguments and `--flags` (kebab-case kept). */
export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string>;
}

/**
 * Parses `command [positional…] --flag value --flag=value --bool`. A flag followed by another flag
 * (or nothing) is `"true"`. Repeated flags are refused.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (i + 1 < argv.length && !(argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) value = argv[++i];
      else value = 'true';
      if (!/^[a-z][a-z0-9.-]*$/i.test(name)) throw new InvalidOptionError(`Malformed flag "${a}"; expected --name value`, { flag: a });
      if (flags.has(name)) throw new InvalidOptionError(`Flag --${name} given twice`, { flag: name });
      flags.set(name, value);
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
