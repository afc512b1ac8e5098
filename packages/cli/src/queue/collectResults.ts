import { stat } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { InvalidOptionError } from '@glassbox/core';
import { compareIds } from '../dataset/compareIds';
import { writeAtomic } from '../io/writeAtomic';
import { ResultsError } from '../dataset/ResultsError';
import { ioredisOf, QUEUE_NAME, redisConnection, runKeys } from './queueKeys';
import type { QueuedRun } from './QueuedRun';

/** Where a queued run stands. */
export interface QueueRunStatus {
  job: string;
  total: number;
  done: number;
  /** Jobs of this run that failed for good, with the reason. */
  failed: { id: string; reason: string; attempts: number }[];
  /** Jobs of all runs, by state. */
  queue: Record<string, number>;
}

async function withQueue<T>(redis: string, f: (q: Queue) => Promise<T>): Promise<T> {
  const q = new Queue(QUEUE_NAME, { connection: redisConnection(redis) });
  try {
    return await f(q);
  } finally {
    await q.close();
  }
}

async function specOf(q: Queue, job: string): Promise<QueuedRun> {
  const text = await (await ioredisOf(q)).get(runKeys(job).spec);
  if (!text) throw new InvalidOptionError(`No job "${job}" on this Redis server; submit it with glassbox queue submit --job ${job}`, { job });
  return JSON.parse(text) as QueuedRun;
}

/** `glassbox queue status`: examples done out of submitted, failed jobs and queue counts. */
export function queueStatus(redis: string, job: string): Promise<QueueRunStatus> {
  return withQueue(redis, async (q) => {
    const spec = await specOf(q, job);
    const done = await (await ioredisOf(q)).hlen(runKeys(job).results);
    const failed = (await q.getFailed(0, 1000)).filter((j) => j.data?.run === job).map((j) => ({ id: j.id!, reason: j.failedReason, attempts: j.attemptsMade }));
    const queue = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    return { job, total: spec.total, done, failed, queue };
  });
}

/**
 * `glassbox queue collect`: writes the run's results as one JSONL file sorted by id (header first),
 * through a temporary file and a rename; refuses (RESULTS_MISSING) while examples are missing.
 */
export function collectResults(redis: string, job: string, out: string): Promise<{ examples: number }> {
  return withQueue(redis, async (q) => {
    if (await stat(out).then(() => true, () => false)) throw new InvalidOptionError(`${out} already exists; choose another --out (collect never overwrites)`, { file: out });
    const spec = await specOf(q, job);
    const client = await ioredisOf(q);
    const key = runKeys(job).results;
    const fields = (await client.hkeys(key)).map((k) => ({ k, id: JSON.parse(k) as string | number }));
    if (fields.length < spec.total) {
      throw new ResultsError('RESULTS_MISSING', `Job "${job}" has ${fields.length} of ${spec.total} results; wait for the workers (glassbox queue status) or look at failed jobs`, {
        job,
        done: fields.length,
        total: spec.total,
      });
    }
    fields.sort((a, b) => compareIds(a.id, b.id));
    await writeAtomic(out, async (write) => {
      await write(JSON.stringify(spec.header) + '\n');
      for (let i = 0; i < fields.length; i += 500) {
        const lines = await client.hmget(key, ...fields.slice(i, i + 500).map((f) => f.k));
        await write(lines.join('\n') + '\n');
      }
    });
    return { examples: fields.length };
  });
}
