import { resolve } from 'node:path';
import { InvalidOptionError } from '@glassbox/core';
import { takeFlag } from '../parseArgs';
import type { Io } from '../io/Io';
import { mergeResults } from './mergeResults';
import type { ExampleSource } from './Example';

/**
 * `glassbox merge a.jsonl b.jsonl … --out all.jsonl [--input data.jsonl | --data data.csv [--id-column c]]`:
 * one results file sorted by id, checked complete and free of duplicates (see {@link mergeResults}).
 */
export async function mergeCommand(io: Io, positional: readonly string[], flags: Map<string, string>): Promise<number> {
  const out = takeFlag(flags, 'out');
  const input = takeFlag(flags, 'input');
  const data = takeFlag(flags, 'data');
  const idColumn = takeFlag(flags, 'id-column');
  if (!out) throw new InvalidOptionError('Missing --out; usage: glassbox merge a.jsonl b.jsonl … --out all.jsonl [--input data.jsonl | --data data.csv]');
  if (flags.size) throw new InvalidOptionError(`Unknown flag --${[...flags.keys()][0]} for merge; expected --out, --input, --data, --id-column`);
  const dataset: ExampleSource | undefined = input
    ? { kind: 'jsonl', path: resolve(io.cwd, input) }
    : data
      ? { kind: 'csv', path: resolve(io.cwd, data), ...(idColumn !== undefined ? { idColumn } : {}) }
      : undefined;
  const r = await mergeResults(positional.map((p) => resolve(io.cwd, p)), resolve(io.cwd, out), dataset);
  io.err(`merged ${positional.length} file(s): ${r.examples} example(s), each once${dataset ? ', none missing' : ''}; wrote ${out}`);
  return 0;
}
