import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { readResults, writeJsonlDataset } from './datasetTestKit';
import { useCliWorkspace } from '../useCliWorkspace';

let data: string;
const { ws, cli } = useCliWorkspace(async (ws) => {
  data = await writeJsonlDataset(ws.dir, 30);
});

describe('glassbox explain … --out x.jsonl and glassbox merge', () => {
  it('runs shards from the command line (k from JOB_COMPLETION_INDEX) and merges them into the whole run', async () => {
    const base = ['explain', '--model', ws.model, '--input', data, '--method', 'saliency', '--workers', '1'];
    expect((await cli(...base, '--out', 'whole.jsonl')).code).toBe(0);
    for (const k of ['0', '1']) {
      process.env.JOB_COMPLETION_INDEX = k;
      const r = await cli(...base, '--shard', 'index/2', '--out', `part-${k}.jsonl`);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/examples · [\d.]+\/s · ETA/);
    }
    delete process.env.JOB_COMPLETION_INDEX;
    const m = await cli('merge', 'part-0.jsonl', 'part-1.jsonl', '--input', data, '--out', 'merged.jsonl');
    expect(m.code, m.err).toBe(0);
    expect(m.err).toMatch(/30 example\(s\), each once, none missing/);
    expect(await readResults(join(ws.dir, 'merged.jsonl'))).toEqual({ ...(await readResults(join(ws.dir, 'whole.jsonl'))), header: expect.objectContaining({ method: 'saliency' }) });
    expect((await cli('merge', 'part-0.jsonl', '--out', 'half.jsonl')).err).toMatch(/\[RESULTS_MISSING\]: Shard\(s\) 1\/2 missing/);
  });

  it('refuses flags that do not fit a dataset run, with one line', async () => {
    const base = ['explain', '--model', ws.model, '--input', data, '--method', 'saliency'];
    const cases: [string[], RegExp][] = [
      [[...base, '--out', 'r.json'], /\[INVALID_OPTION\]: --out r\.json: a dataset run writes JSON Lines/],
      [[...base, '--out', 'r.jsonl', '--targets', '0,1'], /\[INVALID_OPTION\]: --targets does not apply/],
      [[...base, '--out', 'r.jsonl', '--workers', '0'], /\[INVALID_OPTION\]: --workers 0: expected an integer ≥ 1/],
      [[...base, '--out', 'r.jsonl', '--shard', '2/2'], /\[INVALID_OPTION\]: --shard 2\/2/],
      [[...base, '--out', 'whole.jsonl'], /\[INVALID_OPTION\]: .*whole\.jsonl already exists and is not empty; pass --resume/],
      [['explain', '--model', ws.model, '--input', join(ws.dir, 'missing.jsonl'), '--method', 'saliency', '--out', 'm.jsonl'], /\[DATA_FILE_INVALID\]: Cannot read/],
      [['explain', '--model', ws.model, '--data', ws.csv, '--method', 'surrogate-tree', '--out', 's.jsonl'], /\[INVALID_OPTION\]: Method "surrogate-tree" fits one surrogate/],
      [['merge', '--out', 'x.jsonl'], /\[INVALID_OPTION\]: Nothing to merge/],
    ];
    for (const [argv, pattern] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(pattern);
    }
  });
});
