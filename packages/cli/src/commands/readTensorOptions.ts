import { extname, resolve } from 'node:path';
import { InvalidOptionError, type OptionSpec } from '@glassbox/core';
import { readInputsFile } from '@glassbox/core/node';
import { readCsv } from '@glassbox/core/node';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Reads the files given for `tensor` options (any method's: `--background bg.json`,
 * `--feature-mask mask.json`, `--baseline ref.csv`) into `{ values, shape }`, so that methods see
 * numbers, never paths. `.json`: a nested number array (or `{ "inputs": [...] }`); `.csv`: a header
 * row, then numeric rows (`[rows, columns]`). A bare number stays a number. Other flags pass through.
 */
export async function readTensorOptions(schema: Record<string, OptionSpec>, options: Record<string, string>, cwd: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...options };
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.type !== 'tensor') continue;
    const key = name in options ? name : kebab(name) in options ? kebab(name) : undefined;
    if (key === undefined) continue;
    const text = options[key]!.trim();
    if (text !== '' && Number.isFinite(Number(text))) {
      out[key] = Number(text);
      continue;
    }
    const ext = extname(text).toLowerCase();
    if (ext !== '.json' && ext !== '.csv') {
      throw new InvalidOptionError(`--${kebab(name)} ${text}: expected a number or a .json or .csv file`, { option: name, received: text });
    }
    const path = resolve(cwd, text);
    if (ext === '.json') {
      const { values, shape } = await readInputsFile(path);
      out[key] = { values, shape };
    } else {
      const table = await readCsv(path);
      out[key] = { values: table.values, shape: [...table.shape] };
    }
  }
  return out;
}
