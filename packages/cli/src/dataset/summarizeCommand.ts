import { extname, resolve } from 'node:path';
import { InvalidOptionError } from '@glassbox/core';
import { takeFlag } from '../parseArgs';
import type { Io } from '../io/Io';
import { writeAtomic } from '../io/writeAtomic';
import { renderSummary } from './renderSummary';
import { summarizeResults } from './summarizeResults';

/**
 * `glassbox summarize results.jsonl --out summary.png|html [--sample n]`: global importance (mean
 * |attribution| per feature, per class), a beeswarm for tabular data, average maps for images.
 */
export async function summarizeCommand(io: Io, positional: readonly string[], flags: Map<string, string>): Promise<number> {
  const out = takeFlag(flags, 'out');
  const sampleFlag = takeFlag(flags, 'sample');
  const usage = 'glassbox summarize <results.jsonl> --out <summary.png|summary.html> [--sample n]';
  if (positional.length !== 1 || !out) throw new InvalidOptionError(`Expected one results file and --out; usage: ${usage}`);
  if (flags.size) throw new InvalidOptionError(`Unknown flag --${[...flags.keys()][0]}; usage: ${usage}`);
  const ext = extname(out).toLowerCase();
  if (ext !== '.png' && ext !== '.html') throw new InvalidOptionError(`--out ${out}: expected a .png or .html file`);
  const sample = sampleFlag === undefined ? 1000 : Number(sampleFlag);
  if (!Number.isInteger(sample) || sample < 0) throw new InvalidOptionError(`--sample ${sampleFlag}: expected an integer ≥ 0`);
  const s = await summarizeResults(resolve(io.cwd, positional[0]!), sample);
  const path = resolve(io.cwd, out);
  const picture = renderSummary(s, ext.slice(1) as 'png' | 'html');
  await writeAtomic(path, (write) => write(picture), out);
  const top = Array.from(s.meanAbs, (v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5);
  io.err(`${s.examples} examples; top features by mean |attribution|: ${top.map(([v, i]) => `${s.features[i]} ${v.toPrecision(3)}`).join(', ')}; wrote ${out}`);
  return 0;
}
