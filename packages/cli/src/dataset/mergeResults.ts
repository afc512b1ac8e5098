import { open, stat } from 'node:fs/promises';
import { InvalidOptionError } from '@glassbox/core';
import { writeAtomic } from '../io/writeAtomic';
import { compareIds } from './compareIds';
import type { ExampleSource } from './Example';
import { readIds } from './readIds';
import { runKey, type ResultsHeader } from './ResultRecord';
import { ResultsError } from './ResultsError';
import { scanResults, type LineRef } from './scanResults';

const some = (ids: unknown[]) => ids.slice(0, 20).map((i) => JSON.stringify(i)).join(', ') + (ids.length > 20 ? ` and ${ids.length - 20} more` : '');

/**
 * Merges results files (the shards of a run, or parts of one) into one file sorted by id
 * ({@link compareIds}), checking that they come from one run (RESULTS_MISMATCH), that no example
 * appears twice (RESULTS_DUPLICATED), that every shard `0…n−1` is there and, given the dataset,
 * that every one of its examples is (RESULTS_MISSING). Only ids and byte offsets are held in
 * memory; lines are copied from their files. The output is written to a temporary file and
 * renamed, and an existing output is never overwritten.
 */
export async function mergeResults(files: readonly string[], out: string, dataset?: ExampleSource): Promise<{ examples: number }> {
  if (!files.length) throw new InvalidOptionError('Nothing to merge; usage: glassbox merge a.jsonl b.jsonl … --out all.jsonl');
  if (await stat(out).then(() => true, () => false)) throw new InvalidOptionError(`${out} already exists; choose another --out (merge never overwrites)`, { file: out });
  const refs = new Map<string, LineRef>();
  const dupes: unknown[] = [];
  const headers: ResultsHeader[] = [];
  for (const f of files) {
    const h = await scanResults(f, (ref) => {
      const key = JSON.stringify(ref.id);
      if (refs.has(key)) dupes.push(ref.id);
      else refs.set(key, ref);
    });
    if (!h) throw new ResultsError('RESULTS_MISMATCH', `${f} has no results header line; expected a file written by glassbox explain --out x.jsonl`, { file: f });
    headers.push(h);
  }
  const key0 = runKey(headers[0]!);
  const odd = headers.findIndex((h) => runKey(h) !== key0);
  if (odd >= 0) throw new ResultsError('RESULTS_MISMATCH', `${files[odd]} comes from another run than ${files[0]} (method, options, seed, target or model differ)`, { files: [files[0], files[odd]] });
  if (dupes.length) throw new ResultsError('RESULTS_DUPLICATED', `${dupes.length} example(s) appear more than once: ${some(dupes)}`, { ids: dupes.slice(0, 20) });
  const shards = headers.map((h) => h.shard);
  if (shards.some(Boolean)) {
    const count = shards[0]?.count;
    if (shards.some((s) => !s || s.count !== count)) throw new ResultsError('RESULTS_MISMATCH', 'Mixed shard counts (or sharded and whole files) in one merge', { shards });
    const seen = shards.map((s) => s!.index);
    const twice = seen.filter((k, i) => seen.indexOf(k) !== i);
    if (twice.length) throw new ResultsError('RESULTS_DUPLICATED', `Shard(s) ${twice.map((k) => `${k}/${count}`).join(', ')} given twice`, { shards: twice });
    const missing = Array.from({ length: count! }, (_, k) => k).filter((k) => !seen.includes(k));
    if (missing.length) throw new ResultsError('RESULTS_MISSING', `Shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')} missing`, { shards: missing });
  }
  if (dataset) {
    const wanted = new Set<string>();
    const absent: unknown[] = [];
    for await (const id of readIds(dataset)) {
      const k = JSON.stringify(id);
      wanted.add(k);
      if (!refs.has(k)) absent.push(id);
    }
    if (absent.length) throw new ResultsError('RESULTS_MISSING', `${absent.length} example(s) of ${dataset.path} have no result: ${some(absent)}`, { ids: absent.slice(0, 20) });
    const extra = [...refs.values()].filter((r) => !wanted.has(JSON.stringify(r.id))).map((r) => r.id);
    if (extra.length) throw new ResultsError('RESULTS_MISMATCH', `${extra.length} result(s) are not examples of ${dataset.path}: ${some(extra)}`, { ids: extra.slice(0, 20) });
  }
  const sorted = [...refs.values()].sort((a, b) => compareIds(a.id, b.id));
  const { shard: _shard, ...header } = headers[0]!;
  const handles = new Map(await Promise.all(files.map(async (f) => [f, await open(f, 'r')] as const)));
  try {
    await writeAtomic(out, async (write) => {
      let buf = Buffer.alloc(1 << 16);
      await write(JSON.stringify(header) + '\n');
      for (const r of sorted) {
        if (buf.length < r.length + 1) buf = Buffer.alloc(r.length + 1);
        await handles.get(r.file)!.read(buf, 0, r.length, r.offset);
        buf[r.length] = 0x0a;
        await write(Buffer.from(buf.subarray(0, r.length + 1)));
      }
    });
  } finally {
    for (const h of handles.values()) await h.close();
  }
  return { examples: sorted.length };
}
