import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom } from '@glassbox/core';

/** Writes a JSONL dataset of `n` 6-feature examples (ids `ex-0…`, every third with a target). */
export async function writeJsonlDataset(dir: string, n: number, name = 'data.jsonl', seed = 7): Promise<string> {
  const rng = createRandom(seed);
  const lines = Array.from({ length: n }, (_, i) => {
    const input = Array.from({ length: 6 }, () => +rng.uniform(-2, 2).toFixed(4));
    return JSON.stringify(i % 3 === 0 ? { id: `ex-${i}`, input, target: i % 3 } : { id: `ex-${i}`, input });
  });
  const path = join(dir, name);
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

/** A results file's example lines, parsed, without timing, sorted by id; and its header. */
export async function readResults(path: string): Promise<{ header: Record<string, unknown>; rows: Record<string, unknown>[] }> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const header = lines.find((l) => 'glassboxResults' in l)!;
  const rows = lines
    .filter((l) => 'id' in l)
    .map(({ timing: _t, ...rest }) => rest)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { header, rows };
}
