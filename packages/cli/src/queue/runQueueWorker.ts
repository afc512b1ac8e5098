import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import { isGlassboxError } from '@glassbox/core';
import type { Io } from '../io/Io';
import { explainBatch } from '../dataset/explainBatch';
import { loadRun, type LoadedRun } from '../dataset/loadRun';
import { ioredisOf, QUEUE_NAME, redisConnection, runKeys } from './queueKeys';
import type { QueueJobData, QueuedRun } from './QueuedRun';

/** Options of `glassbox queue worker`. */
export interface QueueWorkerOptions {
  redis: string;
  /** Jobs this process holds at once (default 1; tfjs computes on one thread, so run one process per core). */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (ms, default 30 s). A worker killed mid-job loses
   * its lock; after this long another worker's stalled check puts the job back in the queue.
   */
  lockMs?: number;
  /** Stop after this long with no job in hand (ms); default: run until stopped (SIGTERM/SIGINT). */
  idleExitMs?: number;
  io: Io;
  signal?: AbortSignal;
}

/**
 * `glassbox queue worker`: pulls batches of any run from the queue, explains them (loading each
 * run's model once) and stores each example's line in the run's results hash, keyed by id, before
 * the job completes. A job that throws is retried (3 attempts, exponential back-off); one with a
 * typed input error (GlassboxError) is failed at once, since a retry cannot fix it; a job whose
 * worker died stalls and is retried by another worker (at most 2 stalls, then failed). Retries
 * overwrite the same fields, so nothing is duplicated.
 */
export async function runQueueWorker(o: QueueWorkerOptions): Promise<{ jobs: number; examples: number }> {
  const runs = new Map<string, Promise<LoadedRun>>();
  const connection = redisConnection(o.redis);
  let jobs = 0;
  let examples = 0;
  let lastJob = Date.now();
  let active = 0;
  const loadQueued = async (name: string, redis: { get(k: string): Promise<string | null> }): Promise<LoadedRun> => {
    const text = await redis.get(runKeys(name).spec);
    if (!text) throw new UnrecoverableError(`Run "${name}" has no spec in Redis (was it submitted to this server?)`);
    const q = JSON.parse(text) as QueuedRun;
    const sha = createHash('sha256').update(await readFile(q.spec.model).catch(() => Buffer.alloc(0))).digest('hex');
    if (sha !== q.modelSha256) throw new UnrecoverableError(`Model ${q.spec.model} on this worker differs from the one submitted (sha256 ${sha.slice(0, 12)} ≠ ${q.modelSha256.slice(0, 12)})`);
    return loadRun({ ...q.spec, cwd: o.io.cwd }, o.io);
  };
  const processJob = async (job: Job<QueueJobData>): Promise<number> => {
    const redis = await ioredisOf(worker);
    if (!runs.has(job.data.run)) runs.set(job.data.run, loadQueued(job.data.run, redis));
    const run = await runs.get(job.data.run)!.catch((e) => {
      runs.delete(job.data.run);
      throw e;
    });
    const buf = Buffer.from(job.data.values, 'base64');
    const values = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    try {
      const r = await explainBatch(run, { ids: job.data.ids, values, targets: job.data.targets });
      const fields: string[] = [];
      r.lines.forEach((line, i) => fields.push(JSON.stringify(job.data.ids[i]), line));
      await redis.hset(runKeys(job.data.run).results, ...fields);
      jobs++;
      examples += r.lines.length;
      lastJob = Date.now();
      return r.lines.length;
    } catch (e) {
      if (isGlassboxError(e)) throw new UnrecoverableError(`[${e.code}] ${e.message}`);
      throw e;
    }
  };
  const worker = new Worker<QueueJobData>(
    QUEUE_NAME,
    async (job: Job<QueueJobData>) => {
      active++;
      try {
        return await processJob(job);
      } finally {
        active--;
        lastJob = Date.now();
      }
    },
    {
      connection,
      concurrency: o.concurrency ?? 1,
      lockDuration: o.lockMs ?? 30_000,
      stalledInterval: o.lockMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, err) => o.io.err(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
  await worker.waitUntilReady();
  o.io.err(`queue worker on ${o.redis}: waiting for jobs (concurrency ${o.concurrency ?? 1})`);
  await new Promise<void>((resolve) => {
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    if (o.idleExitMs !== undefined) {
      const t = setInterval(() => {
        if (active === 0 && Date.now() - lastJob > o.idleExitMs!) {
          clearInterval(t);
          resolve();
        }
      }, 200);
    }
  });
  await worker.close();
  for (const r of runs.values()) (await r.catch(() => undefined))?.dispose();
  return { jobs, examples };
}
