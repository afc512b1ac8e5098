import { describe, it, expect } from 'vitest';
import { readFile, writeFile, truncate, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { loadModel } from '@glassbox/core/node';
import { memoryIo } from '../testFixtures';
import { runDataset, type DatasetRunOptions } from './runDataset';
import { mergeResults } from './mergeResults';
import { exampleSeed } from './hashId';
import { defaultWorkers, workersFor } from './BatchExecutor';
import { readResults, writeJsonlDataset } from './datasetTestKit';
import { useCliWorkspace } from '../useCliWorkspace';

let data: string;
const { ws } = useCliWorkspace(async (ws) => {
  data = await writeJsonlDataset(ws.dir, 60);
});

const run = (out: string, extra: Partial<DatasetRunOptions> = {}, method = 'integrated-gradients', options: Record<string, string> = { steps: '16' }) =>
  runDataset({
    spec: { model: ws.model, method, options, seed: 5, cwd: ws.dir },
    source: { kind: 'jsonl', path: data },
    out: join(ws.dir, out),
    io: memoryIo(ws.dir),
    ...extra,
  });

describe('dataset runs', () => {
  it("'auto' workers: one on a backend whose kernels use every core (native), one per core otherwise", async () => {
    expect(workersFor('auto', true)).toBe(1);
    expect(workersFor('auto', false)).toBe(defaultWorkers());
    expect(workersFor(3, true)).toBe(3);
    expect(workersFor(undefined, false)).toBe(1);
    // On native the run stays in this thread (no worker entry is given, so threads would fail).
    const r = await runDataset({
      spec: { model: ws.model, method: 'integrated-gradients', options: { steps: '16' }, seed: 5, cwd: ws.dir, backend: 'native' },
      source: { kind: 'jsonl', path: data },
      out: join(ws.dir, 'auto-native.jsonl'),
      io: memoryIo(ws.dir),
      workers: 'auto',
    });
    expect(r).toMatchObject({ explained: 60, workers: 1 });
  });


  it('streams one line per example, each equal to explaining that example on its own', async () => {
    const r = await run('ig.jsonl', { batchSize: 7 });
    expect(r).toMatchObject({ explained: 60, skipped: 0, batched: true });
    const { header, rows } = await readResults(join(ws.dir, 'ig.jsonl'));
    expect(header).toMatchObject({ method: 'integrated-gradients', options: { steps: 16 }, attributionShape: [6], labels: { features: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 60 }, (_, i) => `ex-${i}`).sort());
    const model = await loadModel(ws.model);
    const lines = (await readFile(data, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    for (const i of [0, 1, 31, 59]) {
      const e = await integratedGradients().explain(model, [lines[i].input], { options: { steps: 16 }, target: lines[i].target ?? 'predicted' });
      const row = rows.find((r) => r.id === `ex-${i}`)!;
      expect(row.target).toBe(e.targets[0]);
      expect(row.seed).toBe(exampleSeed(5, `ex-${i}`));
      expect(Float32Array.from(row.attributions as number[])).toEqual(e.attributions); // float32 written shortest, read back bit-identical
      expect(Math.abs(row.convergenceDelta as number)).toBeLessThan(1e-3);
    }
    model.dispose?.();
  });

  it('resumes after a half-written last line: every id once, identical to an uninterrupted run', async () => {
    const full = await readResults(join(ws.dir, 'ig.jsonl'));
    const path = join(ws.dir, 'cut.jsonl');
    await writeFile(path, await readFile(join(ws.dir, 'ig.jsonl')));
    const size = (await stat(path)).size;
    await truncate(path, Math.floor(size * 0.43)); // mid-line
    await expect(run('cut.jsonl')).rejects.toMatchObject({ code: 'INVALID_OPTION' }); // no --resume: refused, not overwritten
    expect((await stat(path)).size).toBe(Math.floor(size * 0.43));
    const r = await run('cut.jsonl', { resume: true, batchSize: 5 });
    expect(r.truncatedBytes).toBeGreaterThan(0);
    expect(r.skipped + r.explained).toBe(60);
    expect(await readResults(path)).toEqual(full);
    const again = await run('cut.jsonl', { resume: true });
    expect(again).toMatchObject({ explained: 0, skipped: 60 });
    await expect(run('cut.jsonl', { resume: true }, 'integrated-gradients', { steps: '17' })).rejects.toThrow(/made by another run/);
  });

  it('shards 0/3, 1/3, 2/3 merge into the unsharded result; merge refuses gaps, duplicates and other runs', async () => {
    for (const k of [0, 1, 2]) await run(`s${k}.jsonl`, { shard: { index: k, count: 3 } });
    const parts = [0, 1, 2].map((k) => join(ws.dir, `s${k}.jsonl`));
    const sizes = await Promise.all(parts.map(async (p) => (await readResults(p)).rows.length));
    expect(sizes.every((n) => n > 5)).toBe(true);
    await mergeResults(parts, join(ws.dir, 'all.jsonl'), { kind: 'jsonl', path: data });
    const merged = await readResults(join(ws.dir, 'all.jsonl'));
    const full = await readResults(join(ws.dir, 'ig.jsonl'));
    expect(merged.rows).toEqual(full.rows);
    await expect(mergeResults(parts.slice(0, 2), join(ws.dir, 'x1.jsonl'))).rejects.toMatchObject({ code: 'RESULTS_MISSING', details: { shards: [2] } });
    await expect(mergeResults([...parts, parts[1]!], join(ws.dir, 'x2.jsonl'))).rejects.toMatchObject({ code: 'RESULTS_DUPLICATED' });
    await expect(mergeResults([join(ws.dir, 'ig.jsonl'), parts[0]!], join(ws.dir, 'x3.jsonl'))).rejects.toMatchObject({ code: 'RESULTS_DUPLICATED' });
    await expect(mergeResults([join(ws.dir, 'all.jsonl')], join(ws.dir, 'all.jsonl'))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const cut = join(ws.dir, 's1-cut.jsonl');
    await writeFile(cut, (await readFile(parts[1]!, 'utf8')).slice(0, -40));
    await expect(mergeResults([parts[0]!, cut, parts[2]!], join(ws.dir, 'x4.jsonl'))).rejects.toMatchObject({ code: 'RESULTS_MISSING' });
    const fewer = await writeJsonlDataset(ws.dir, 61, 'more.jsonl');
    await expect(mergeResults(parts, join(ws.dir, 'x5.jsonl'), { kind: 'jsonl', path: fewer })).rejects.toMatchObject({ code: 'RESULTS_MISSING', details: { ids: ['ex-60'] } });
  });

  it('a stochastic method runs one example per call with its own seed: batch size and resume do not change it', async () => {
    const opts = { samples: '4' };
    const a = await run('sg-a.jsonl', { batchSize: 1 }, 'smoothgrad', opts);
    expect(a.batched).toBe(false);
    await run('sg-b.jsonl', { batchSize: 16, shard: { index: 1, count: 2 } }, 'smoothgrad', opts);
    await run('sg-b.jsonl', { batchSize: 9, resume: true }, 'smoothgrad', opts).catch((e) => expect(e.message).toMatch(/another run/));
    const b = await readResults(join(ws.dir, 'sg-b.jsonl'));
    const full = await readResults(join(ws.dir, 'sg-a.jsonl'));
    expect(b.rows.length).toBeGreaterThan(10);
    for (const row of b.rows) expect(row).toEqual(full.rows.find((r) => r.id === row.id));
    const other = await run('sg-c.jsonl', {}, 'smoothgrad', opts).then(() => readResults(join(ws.dir, 'sg-c.jsonl')));
    expect(other.rows).toEqual(full.rows);
  });

  it('reads CSV with an id column and refuses bad rows with the line', async () => {
    const csv = join(ws.dir, 'ids.csv');
    await writeFile(csv, 'key,a,b,c,d,e,f\nk1,1,2,3,4,5,6\nk2,0,0,1,0,0,1\n');
    const r = await run('csv.jsonl', { source: { kind: 'csv', path: csv, idColumn: 'key' } }, 'saliency', {});
    expect(r.explained).toBe(2);
    expect((await readResults(join(ws.dir, 'csv.jsonl'))).rows.map((x) => x.id)).toEqual(['k1', 'k2']);
    const bad: [string, string, RegExp][] = [
      ['dup.jsonl', '{"id":1,"input":[1,2,3,4,5,6]}\n{"id":1,"input":[1,2,3,4,5,6]}\n', /line 2: duplicate id 1/],
      ['short.jsonl', '[1,2,3,4,5,6]\n[1,2,3]\n', /line 2: example has 3 values; the model expects 6/],
      ['nan.jsonl', '[1,2,3,4,5,6]\n[1,2,3,4,5,"x"]\n', /line 2: "input" must hold only numbers/],
      ['garbage.jsonl', '[1,2,3,4,5,6]\n{oops\n', /line 2: not valid JSON/],
      ['target.jsonl', '{"input":[1,2,3,4,5,6],"target":-1}\n', /target -1: expected a non-negative integer/],
    ];
    for (const [name, text, msg] of bad) {
      await writeFile(join(ws.dir, name), text);
      const p = run(`bad-${name}`, { source: { kind: 'jsonl', path: join(ws.dir, name) } }, 'saliency', {});
      await expect(p).rejects.toMatchObject({ code: 'DATA_FILE_INVALID' });
      await expect(p).rejects.toThrow(msg);
    }
    await writeFile(join(ws.dir, 'wrong.csv'), 'a,b,c,d,f,e\n1,2,3,4,5,6\n');
    await expect(run('bad-csv.jsonl', { source: { kind: 'csv', path: join(ws.dir, 'wrong.csv') } }, 'saliency', {})).rejects.toThrow(/column "f" is where the model expects feature "e"/);
  });
});
