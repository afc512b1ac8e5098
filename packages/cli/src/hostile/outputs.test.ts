import { describe, it, expect } from 'vitest';
import { link, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../io/writeAtomic';
import { runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 item 2: --out is checked before any work, never replaces an input, and is written atomically.
const explain = (...more: string[]) => ['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', ...more];
const { ws } = useCliWorkspace();

describe('outputs', () => {
  it('refuses to overwrite any input of explain, evaluate and report; the inputs are left intact', async () => {
    const modelText = await readFile(ws.model, 'utf8');
    const inputsText = await readFile(ws.inputs, 'utf8');
    const shard = join(ws.dir, 'model', (JSON.parse(modelText).weightsManifest[0].paths as string[])[0]!);
    const shardBytes = await readFile(shard);
    await symlink(ws.inputs, join(ws.dir, 'alias.json'));
    await link(ws.inputs, join(ws.dir, 'hardlink.json'));
    const ig = join(ws.dir, 'ig.json');
    expect((await runCli(ws.dir, ...explain('--out', ig))).code).toBe(0);
    const igText = await readFile(ig, 'utf8');
    await symlink(ig, join(ws.dir, 'ig-alias.html'));
    const cases: string[][] = [
      explain('--out', ws.inputs),
      explain('--out', ws.model),
      explain('--out', 'model/../inputs.json'),
      explain('--out', join(ws.dir, 'alias.json')),
      explain('--out', join(ws.dir, 'hardlink.json')),
      ['explain', '--model', ws.model, '--data', ws.csv, '--method', 'surrogate-tree', '--out', ws.model],
      ['evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'deletion', '--out', ig],
      ['evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'deletion', '--out', ws.model],
      ['report', ig, '--out', join(ws.dir, 'ig-alias.html')],
    ];
    for (const argv of cases) {
      const r = await runCli(ws.dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^glassbox: error \[OUTPUT_OVERWRITES_INPUT\]: --out .* is the input file/);
    }
    const onShard = await runCli(ws.dir, ...explain('--out', shard.replace(/\.bin$/, '.json')));
    expect(onShard.code).toBe(0); // another name beside the shard is fine…
    // …the shard itself is refused (it is not .json, so name it through a .json symlink)
    await symlink(shard, join(ws.dir, 'shard-alias.json'));
    expect((await runCli(ws.dir, ...explain('--out', join(ws.dir, 'shard-alias.json')))).err).toMatch(/OUTPUT_OVERWRITES_INPUT/);
    expect(await readFile(ws.model, 'utf8')).toBe(modelText);
    expect(await readFile(ws.inputs, 'utf8')).toBe(inputsText);
    expect(await readFile(shard)).toEqual(shardBytes);
    expect(await readFile(ig, 'utf8')).toBe(igText);
  });

  it('checks the path before computing: missing folder, a folder, a file as folder (exit 2, typed)', async () => {
    await mkdir(join(ws.dir, 'adir'), { recursive: true });
    const cases: [string, RegExp][] = [
      ['nope/out.json', /\[OUTPUT_PATH_INVALID\]: --out nope\/out\.json: the folder .*nope does not exist/],
      ['adir.json', /./], // placeholder replaced below
      [join('inputs.json', 'x.json'), /\[OUTPUT_PATH_INVALID\]: .* is not a folder/],
    ];
    await mkdir(join(ws.dir, 'adir.json'), { recursive: true });
    cases[1]![1] = /\[OUTPUT_PATH_INVALID\]: --out adir\.json is a folder/;
    for (const [out, pattern] of cases) {
      // --method nope: the output is checked before the method is even looked up.
      const r = await runCli(ws.dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'nope', '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(pattern);
    }
    const rep = await runCli(ws.dir, 'report', ws.inputs, '--out', 'nope/r.html');
    expect(rep.err).toMatch(/OUTPUT_PATH_INVALID/);
  });

  it('writes atomically: a failing write is OUTPUT_WRITE_FAILED, the old file stays, no temporary file is left', async () => {
    const dir = join(ws.dir, 'atomic');
    await mkdir(dir);
    const path = join(dir, 'out.json');
    await writeFile(path, 'previous');
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const err = await writeAtomic(path, async (write) => {
      await write('{"partial":');
      throw enospc;
    }).catch((e) => e);
    expect(err.code).toBe('OUTPUT_WRITE_FAILED');
    expect(err.message).toMatch(/ENOSPC .*nothing was changed/);
    expect(await readFile(path, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['out.json']);
    await writeAtomic(path, async (write) => write('new'));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['out.json']);
  });
});
