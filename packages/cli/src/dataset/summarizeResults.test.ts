import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '@glassbox/viz';
import { summarizeResults } from './summarizeResults';
import { renderSummary } from './renderSummary';
import { main } from '../main';
import { memoryIo } from '../testFixtures';

const header = (attributionShape: number[], features?: string[]) =>
  JSON.stringify({ glassboxResults: 1, method: 'm', kind: 'attribution', explainer: { name: 'm', version: '1' }, options: {}, seed: 0, model: { name: 'toy', inputShape: attributionShape, outputShape: [2] }, attributionShape, labels: { ...(features ? { features } : {}), classes: ['no', 'yes'] }, backend: 'cpu' });

describe('glassbox summarize', () => {
  it('mean |attribution| per feature, overall and per class, and a beeswarm sample, from a streamed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-sum-'));
    const rows = [
      { id: 'a', target: 0, input: [1, 2, 3], attributions: [1, -2, 0] },
      { id: 'b', target: 1, input: [4, 5, 6], attributions: [-3, 0, 0.5] },
      { id: 'c', target: 1, input: [7, 8, 9], attributions: [1, 4, -0.5] },
    ];
    const path = join(dir, 'r.jsonl');
    await writeFile(path, [header([3], ['f1', 'f2', 'f3']), ...rows.map((r) => JSON.stringify(r))].join('\n') + '\n');
    const s = await summarizeResults(path, 2);
    expect(s.examples).toBe(3);
    expect(Array.from(s.meanAbs)).toEqual([5 / 3, 2, 1 / 3]);
    expect(s.perClass.map((c) => [c.name, c.count, Array.from(c.meanAbs)])).toEqual([
      ['no', 1, [1, 2, 0]],
      ['yes', 2, [2, 2, 0.5]],
    ]);
    expect(s.sample).toHaveLength(2);
    const png = renderSummary(s, 'png') as Uint8Array;
    expect(decodePng(png).width).toBeGreaterThan(100);
    const html = renderSummary(s, 'html') as string;
    expect(html.indexOf('<td>f2</td>')).toBeLessThan(html.indexOf('<td>f1</td>')); // sorted by importance
    const io = memoryIo(dir);
    expect(await main(['summarize', path, '--out', join(dir, 's.html')], io)).toBe(0);
    expect(await readFile(join(dir, 's.html'), 'utf8')).toMatch(/<img alt="summary" src="data:image\/png;base64,/);
    expect(await main(['summarize', path, '--out', join(dir, 's.gif')], io)).toBe(2);
    expect(io.stderr.at(-1)).toMatch(/\[INVALID_OPTION\].*\.png or \.html/);
  });

  it('average maps for image attributions, with channels summed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-sum-'));
    const img = (v: number) => [[[v], [0]], [[0], [-v]]];
    const path = join(dir, 'img.jsonl');
    await writeFile(path, [header([2, 2, 1]), JSON.stringify({ id: 1, target: 0, attributions: img(2) }), JSON.stringify({ id: 2, target: 1, attributions: img(4) })].join('\n') + '\n');
    const s = await summarizeResults(path);
    expect(s.imageShape).toEqual([2, 2]);
    expect(Array.from(s.meanAbs)).toEqual([3, 0, 0, 3]);
    expect(decodePng(renderSummary(s, 'png') as Uint8Array).height).toBeGreaterThan(50);
    await writeFile(join(dir, 'bad.jsonl'), `${header([3])}\n{"id":1,"attributions":[1,2]}\n{"id":2,"attributions":[1,2,3]}\n`);
    await expect(summarizeResults(join(dir, 'bad.jsonl'))).rejects.toMatchObject({ code: 'DATA_FILE_INVALID' });
  });
});
