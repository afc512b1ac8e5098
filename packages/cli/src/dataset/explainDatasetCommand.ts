import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { InvalidOptionError } from '@glassbox/core';
import { takeFlag } from '../parseArgs';
import type { Io } from '../io/Io';
import type { ExampleSource } from './Example';
import { parseShard } from './parseShard';
import { runDataset } from './runDataset';
import type { RunSpec } from './RunSpec';

const USAGE =
  'glassbox explain --model <model.json> (--input <data.jsonl | images/> | --data <data.csv> [--id-column c] [--label-column c]) --method <id> --out <results.jsonl> [--resume] [--workers n] [--shard k/n] [--batch-size n] [--target i] [--seed n] [method options]';

/** True when `explain` should stream a dataset: JSONL in or out. */
export function isDatasetRun(flags: ReadonlyMap<string, string>, cwd = process.cwd()): boolean {
  const input = flags.get('input');
  const out = flags.get('out');
  const jsonl = (f: string | undefined) => f !== undefined && extname(f).toLowerCase() === '.jsonl';
  // A folder of pictures is one explanation (a picture out) unless results stream to a .jsonl file.
  if (input !== undefined && isFolder(resolve(cwd, input))) return jsonl(out) || ['resume', 'workers', 'shard'].some((f) => flags.has(f));
  return jsonl(input) || jsonl(out);
}

const isFolder = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const int = (flag: string, v: string | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidOptionError(`--${flag} ${v}: expected an integer ≥ ${min}`, { flag, value: v });
  return n;
};

/** Reads the run's flags (the rest are method options) into a {@link RunSpec} and its options. */
export function parseDatasetFlags(io: Io, flags: Map<string, string>) {
  const model = takeFlag(flags, 'model');
  const input = takeFlag(flags, 'input');
  const data = takeFlag(flags, 'data');
  const method = takeFlag(flags, 'method');
  const out = takeFlag(flags, 'out');
  if (!model || !method || (!input && !data) || !out) {
    throw new InvalidOptionError(`Missing ${!model ? '--model' : !method ? '--method' : !out ? '--out' : '--input or --data'}; usage: ${USAGE}`);
  }
  if (input && data) throw new InvalidOptionError('Give either --input or --data, not both');
  if (extname(out).toLowerCase() !== '.jsonl') throw new InvalidOptionError(`--out ${out}: a dataset run writes JSON Lines; expected a .jsonl file`);
  const folder = input !== undefined && isFolder(resolve(io.cwd, input));
  if (input && !folder && extname(input).toLowerCase() !== '.jsonl') throw new InvalidOptionError(`--input ${input}: a dataset run reads JSON Lines; expected a .jsonl file, a folder of PNG images, or --data for a CSV`);
  if (flags.has('targets')) throw new InvalidOptionError('--targets does not apply to a dataset run; give each example a "target" in the JSONL, or one --target for all');
  const seedFlag = takeFlag(flags, 'seed');
  const seed = seedFlag === undefined ? 0 : Number(seedFlag);
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`--seed ${seedFlag}: expected an integer`);
  const target = int('target', takeFlag(flags, 'target'), 0);
  const budget = int('memory-budget-mb', takeFlag(flags, 'memory-budget-mb'), 1);
  const backend = takeFlag(flags, 'backend');
  const fallback = takeFlag(flags, 'fallback');
  const idColumn = takeFlag(flags, 'id-column');
  const labelColumn = takeFlag(flags, 'label-column');
  if ((idColumn ?? labelColumn) !== undefined && !data) throw new InvalidOptionError('--id-column and --label-column apply to --data CSV files');
  const source: ExampleSource = input
    ? { kind: folder ? 'images' : 'jsonl', path: resolve(io.cwd, input) }
    : { kind: 'csv', path: resolve(io.cwd, data!), ...(idColumn !== undefined ? { idColumn } : {}), ...(labelColumn !== undefined ? { labelColumn } : {}) };
  const run = {
    resume: takeFlag(flags, 'resume') === 'true',
    workers: int('workers', takeFlag(flags, 'workers'), 1) ?? ('auto' as const),
    shard: parseShard(takeFlag(flags, 'shard')),
    batchSize: int('batch-size', takeFlag(flags, 'batch-size'), 1) ?? 32,
  };
  const spec: RunSpec = {
    model: resolve(io.cwd, model),
    method,
    options: Object.fromEntries(flags),
    seed,
    cwd: io.cwd,
    ...(target !== undefined ? { target } : {}),
    ...(backend !== undefined ? { backend } : {}),
    ...(fallback !== undefined ? { fallback } : {}),
    ...(budget !== undefined ? { memoryBudgetBytes: budget * 1024 * 1024 } : {}),
  };
  flags.clear();
  return { spec, source, out: resolve(io.cwd, out), ...run };
}

/**
 * `glassbox explain … --out results.jsonl`: streams a dataset (JSONL or CSV) through a method, one
 * result line per example, resumable (`--resume`), on `--workers` threads, for one `--shard`.
 */
export async function explainDatasetCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const o = parseDatasetFlags(io, flags);
  const r = await runDataset({ ...o, io, workerUrl: new URL('./datasetWorker.js', import.meta.url) });
  if (r.truncatedBytes) io.err(`resumed: cut a half-written last line (${r.truncatedBytes} bytes) and redid it`);
  if (o.resume) io.err(`resumed: ${r.skipped} example(s) already in ${o.out} were skipped`);
  return 0;
}
