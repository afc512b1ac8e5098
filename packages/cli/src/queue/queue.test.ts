import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { memoryIo } from '../testFixtures';
import { readResults, writeJsonlDataset } from '../dataset/datasetTestKit';
import { runDataset } from '../dataset/runDataset';
import { queueStatus } from './collectResults';
import { startTestRedis } from './redisForTests';
import { useCliWorkspace } from '../useCliWorkspace';

// Queue workers run as processes of the built CLI, so that one can be killed with SIGKILL mid-job.
const bin = join(import.meta.dirname, '..', '..', 'bin', 'glassbox.cjs');
const redis = await startTestRedis();
let data: string;
const { ws, cli } = useCliWorkspace(async (ws) => {
  data = await writeJsonlDataset(ws.dir, 60);
});
afterAll(() => {
  if ('stop' in redis) redis.stop();
});

const worker = (url: string, ...more: string[]): ChildProcess =>
  spawn(process.execPath, [bin, 'queue', 'worker', '--redis', url, '--lock-ms', '1500', ...more], { cwd: ws.dir, stdio: 'ignore' });
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));
const explainFlags = ['--model', '', '--input', '', '--method', 'integrated-gradients', '--steps', '200', '--batch-size', '6'];

describe.skipIf('skip' in redis)(`glassbox queue (BullMQ on redis-server)${'skip' in redis ? `: skipped, ${redis.skip}` : ''}`, () => {
  it('a worker killed mid-job loses nothing and duplicates nothing: every id once, identical to a local run', async () => {
    const url = (redis as { url: string }).url;
    const flags = [...explainFlags];
    flags[1] = ws.model;
    flags[3] = data;
    await runDataset({ spec: { model: ws.model, method: 'integrated-gradients', options: { steps: '200' }, seed: 0, cwd: ws.dir }, source: { kind: 'jsonl', path: data }, out: join(ws.dir, 'local.jsonl'), io: memoryIo(ws.dir) });
    const sub = await cli('queue', 'submit', '--redis', url, '--job', 'kill-test', ...flags);
    expect(sub.code, sub.err).toBe(0);
    expect(sub.err).toMatch(/submitted 60 of 60/);
    expect((await cli('queue', 'collect', '--redis', url, '--job', 'kill-test', '--out', join(ws.dir, 'early.jsonl'))).err).toMatch(/\[RESULTS_MISSING\]/);
    const victim = worker(url);
    for (;;) {
      const s = await queueStatus(url, 'kill-test');
      if (s.done >= 12 && s.queue.active! > 0) break; // mid-run, holding a job
      await new Promise((r) => setTimeout(r, 20));
    }
    victim.kill('SIGKILL');
    await exited(victim);
    const rescuers = [worker(url, '--idle-exit-ms', '4000'), worker(url, '--idle-exit-ms', '4000')];
    await Promise.all(rescuers.map(exited));
    const s = await queueStatus(url, 'kill-test');
    expect(s).toMatchObject({ total: 60, done: 60, failed: [] });
    const col = await cli('queue', 'collect', '--redis', url, '--job', 'kill-test', '--out', join(ws.dir, 'queued.jsonl'));
    expect(col.code, col.err).toBe(0);
    const q = await readResults(join(ws.dir, 'queued.jsonl'));
    expect(q.rows).toHaveLength(60);
    expect(new Set(q.rows.map((r) => r.id)).size).toBe(60);
    expect(q).toEqual(await readResults(join(ws.dir, 'local.jsonl')));
  });

  it('refuses a different run under the same job name, and bad queue flags, with typed errors', async () => {
    const url = (redis as { url: string }).url;
    const flags = [...explainFlags];
    flags[1] = ws.model;
    flags[3] = data;
    flags[7] = '201';
    expect((await cli('queue', 'submit', '--redis', url, '--job', 'kill-test', ...flags)).err).toMatch(/\[RESULTS_MISMATCH\].*already exists/);
    expect((await cli('queue', 'submit', '--redis', 'localhost:1', '--job', 'x', ...flags)).err).toMatch(/\[INVALID_OPTION\].*redis:\/\//);
    expect((await cli('queue', 'submit', '--redis', url, '--job', 'a:b', ...flags)).err).toMatch(/\[INVALID_OPTION\].*--job a:b/);
    expect((await cli('queue', 'status', '--redis', url, '--job', 'nope')).err).toMatch(/\[INVALID_OPTION\]: No job "nope"/);
    expect((await cli('queue', 'frob')).err).toMatch(/\[INVALID_OPTION\]: Unknown queue command "frob"/);
  });
});
