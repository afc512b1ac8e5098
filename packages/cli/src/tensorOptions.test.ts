import { describe, it, expect } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCliWorkspace } from './useCliWorkspace';

const { ws, cli } = useCliWorkspace(async (ws) => {
  await writeFile(join(ws.dir, 'bg.json'), JSON.stringify([[0, 0, 0, 0, 0, 0], [1, -1, 0.5, 0, 2, -0.5], [-1, 1, 0, 0.5, -2, 0.25]]));
  await writeFile(join(ws.dir, 'bg.csv'), 'a,b,c,d,e,f\n0,0,0,0,0,0\n1,-1,0.5,0,2,-0.5\n');
  await writeFile(join(ws.dir, 'mask.json'), JSON.stringify([0, 0, 1, 1, 2, 2]));
});

describe('tensor options from files (generic: read from any method option of type tensor)', () => {
  it('glassbox methods lists the new methods with file options', async () => {
    const r = await cli('methods');
    for (const m of ['deeplift', 'deeplift-shap', 'kernel-shap', 'lime', 'feature-ablation', 'feature-permutation']) expect(r.out).toMatch(new RegExp(`^${m}  \\(`, 'm'));
    expect(r.out).toContain('--background <number|file.json|file.csv>');
  });

  it('--method kernel-shap --background bg.json --samples 512: additive, exact for 6 features', async () => {
    const out = join(ws.dir, 'ks.json');
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'kernel-shap', '--background', 'bg.json', '--samples', '512', '--target', '1', '--out', out);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(await readFile(out, 'utf8'));
    expect(j.options.samples).toBe(512);
    expect(j.options.background.shape).toEqual([3, 6]);
    expect(j.data.exact).toBe(true);
    for (const d of j.convergenceDelta) expect(Math.abs(d)).toBeLessThan(1e-5);
    const csv = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'kernel-shap', '--background', 'bg.csv', '--samples', '64');
    expect(csv.code, csv.err).toBe(0);
  });

  it('--method feature-ablation --feature-mask mask.json: groups share their value', async () => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'feature-ablation', '--feature-mask', 'mask.json');
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(r.out).attributions as number[][];
    for (const row of a) expect([row[0], row[2], row[4]]).toEqual([row[1], row[3], row[5]]);
  });

  it('--method deeplift prints the convergence delta', async () => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'deeplift', '--target', '0');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/convergence delta/);
  });

  it('a missing file or a wrong extension is a one-line typed error', async () => {
    const missing = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'kernel-shap', '--background', 'nope.json');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/nope\.json/);
    const ext = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'feature-ablation', '--feature-mask', 'mask.txt');
    expect(ext.code).not.toBe(0);
    expect(ext.err).toMatch(/\.json or \.csv/);
  });
});
