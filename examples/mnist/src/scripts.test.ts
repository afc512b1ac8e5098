// The two scripts as a user runs them: `pnpm demo -- --out …` passes a leading `--` through.
import { describe, it, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '@glassbox/viz';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-mnist-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = new URL('..', import.meta.url).pathname;
const run = (script: string, ...args: string[]) =>
  new Promise<{ code: number; out: string; err: string }>((done) =>
    execFile(process.execPath, [join(root, 'dist', script), ...args], { cwd: dir }, (e, out, err) => done({ code: e ? (e.code as number) : 0, out, err })),
  );

describe('the example scripts, run as pnpm runs them', { timeout: 60_000 }, () => {
  it('demo: a leading "--" is dropped and the picture is written where --out says', async () => {
    const r = await run('main.js', '--', '--out', 'demo.png', '--digits', '3', '--per-digit', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const png = decodePng(readFileSync(join(dir, 'demo.png')));
    expect(png.width).toBeGreaterThan(100);
  });

  it('gradcam: a leading "--" is dropped and the picture is written where --out says', async () => {
    const r = await run('gradcam.js', '--', '--out', 'gradcam.png');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*gradcam\.png \(\d+×\d+ px\)$/m);
    expect(decodePng(readFileSync(join(dir, 'gradcam.png'))).height).toBeGreaterThan(100);
  });

  it('an unknown flag exits with status 2 and the usage, not a stack trace', async () => {
    for (const script of ['main.js', 'gradcam.js']) {
      const r = await run(script, '--outt', 'x.png');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/Unknown option '--outt'.*; usage: pnpm .*--out file\.png/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
