import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readResults, writeJsonlDataset } from './datasetTestKit';
import { useCliWorkspace } from '../useCliWorkspace';

// Runs the built CLI (bin/glassbox.cjs → dist) as separate processes: kill -9 and worker threads are real.
const bin = join(import.meta.dirname, '..', '..', 'bin', 'glassbox.cjs');
let data: string;
const { ws } = useCliWorkspace(async (ws) => {
  data = await writeJsonlDataset(ws.dir, 120);
});

const args = (out: string, ...more: string[]) => ['explain', '--model', ws.model, '--input', data, '--method', 'integrated-gradients', '--steps', '150', '--batch-size', '4', '--out', join(ws.dir, out), ...more];

const exec = (argv: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [bin, ...argv], { cwd: ws.dir });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stderr }));
  });

/** Starts a run and kill -9s it once its output holds more than `bytes` bytes. */
const killAfter = (argv: string[], out: string, bytes: number) =>
  new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...argv], { cwd: ws.dir, stdio: 'ignore' });
    const timer = setInterval(async () => {
      const size = await stat(out).then((s) => s.size, () => 0);
      if (size > bytes) {
        clearInterval(timer);
        p.kill('SIGKILL');
      }
    }, 5);
    p.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`run ended before it was killed (code ${code})`));
    });
  });

describe('dataset runs as processes', () => {
  it('killed with kill -9 three times and resumed: every id exactly once, identical to an uninterrupted run', async () => {
    const whole = await exec(args('whole.jsonl', '--workers', '1'));
    expect(whole.code, whole.stderr).toBe(0);
    const out = join(ws.dir, 'killed.jsonl');
    const full = (await stat(join(ws.dir, 'whole.jsonl'))).size;
    await killAfter(args('killed.jsonl', '--workers', '1'), out, full * 0.15);
    for (const frac of [0.4, 0.7]) await killAfter(args('killed.jsonl', '--workers', '1', '--resume'), out, full * frac);
    const last = await exec(args('killed.jsonl', '--workers', '1', '--resume'));
    expect(last.code, last.stderr).toBe(0);
    const a = await readResults(join(ws.dir, 'whole.jsonl'));
    const b = await readResults(out);
    expect(new Set(b.rows.map((r) => r.id)).size).toBe(120);
    expect(b.rows).toHaveLength(120);
    expect(b).toEqual(a);
  });

  it('--workers 2 (worker threads) writes the same lines as --workers 1', async () => {
    const r = await exec(args('two.jsonl', '--workers', '2'));
    expect(r.code, r.stderr).toBe(0);
    expect(await readResults(join(ws.dir, 'two.jsonl'))).toEqual(await readResults(join(ws.dir, 'whole.jsonl')));
  });
});
