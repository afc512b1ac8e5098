import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Queue } from 'bullmq';
import type { Io } from '../io/Io';
import type { Example, ExampleSource } from '../dataset/Example';
import { loadRun } from '../dataset/loadRun';
import { probeBatching } from '../dataset/probeBatching';
import { readExamples } from '../dataset/readExamples';
import { runKey } from '../dataset/ResultRecord';
import { ResultsError } from '../dataset/ResultsError';
import type { RunSpec } from '../dataset/RunSpec';
import { ioredisOf, QUEUE_NAME, redisConnection, runKeys } from './queueKeys';
import type { QueueJobData, QueuedRun } from './QueuedRun';

/** How failed jobs are retried: 3 attempts, exponential back-off from 2 s. */
export const JOB_ATTEMPTS = 3;

/**
 * `glassbox queue submit`: probes the run (as a local run does), stores its spec in Redis and adds
 * one BullMQ job per batch, streaming the dataset. Job ids are `NAME-<hash of the first id>`, so submitting the
 * same run again adds nothing twice; examples already in the results are not resubmitted. A
 * different run under the same name is refused (RESULTS_MISMATCH).
 */
export async function submitQueueJob(o: { redis: string; job: string; spec: RunSpec; source: ExampleSource; batchSize: number; io: Io }): Promise<{ submitted: number; total: number }> {
  const keys = runKeys(o.job);
  const run = await loadRun(o.spec, o.io);
  const queue = new Queue<QueueJobData>(QUEUE_NAME, { connection: redisConnection(o.redis) });
  try {
    const spec0 = { size: run.inputSize, inputShape: run.model.inputShape, featureNames: run.model.featureNames };
    const first: Example[] = [];
    for await (const ex of readExamples(o.source, spec0)) if (first.push(ex) >= 2) break;
    const probe = first.length ? await probeBatching(run, first) : undefined;
    if (!probe) return { submitted: 0, total: 0 };
    const redis = await ioredisOf(queue);
    const modelSha256 = createHash('sha256').update(await readFile(run.spec.model)).digest('hex');
    const previous = await redis.get(keys.spec);
    if (previous && runKey((JSON.parse(previous) as QueuedRun).header) !== runKey(probe.header)) {
      throw new ResultsError('RESULTS_MISMATCH', `Job "${o.job}" already exists in Redis for another run (method, options, seed or model differ); choose another --job`, { job: o.job });
    }
    let total = 0;
    let submitted = 0;
    let pending: { name: string; data: QueueJobData; opts: object }[] = [];
    let batch: Example[] = [];
    const flush = async (force = false) => {
      if (batch.length) {
        const values = new Float32Array(batch.length * run.inputSize);
        batch.forEach((ex, i) => values.set(ex.values, i * run.inputSize));
        const data: QueueJobData = { run: o.job, ids: batch.map((e) => e.id), values: Buffer.from(values.buffer).toString('base64'), targets: batch.map((e) => e.target ?? null) };
        pending.push({
          name: o.job,
          data,
          opts: { jobId: `${o.job}-${createHash('sha1').update(JSON.stringify(batch[0]!.id)).digest('hex').slice(0, 16)}`, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: false },
        });
        submitted += batch.length;
        batch = [];
      }
      if (pending.length >= 50 || (force && pending.length)) {
        await queue.addBulk(pending);
        pending = [];
      }
    };
    // The spec goes first: a worker may take a job as soon as it is added.
    const spec: RunSpec = { ...o.spec, batched: probe.batched };
    const stored = (n: number): QueuedRun => ({ spec, header: probe.header, total: n, modelSha256 });
    await redis.set(keys.spec, JSON.stringify(stored(previous ? (JSON.parse(previous) as QueuedRun).total : 0)));
    for await (const ex of readExamples(o.source, spec0)) {
      total++;
      if (previous && (await redis.hexists(keys.results, JSON.stringify(ex.id)))) continue;
      batch.push(ex);
      if (batch.length >= o.batchSize) await flush();
    }
    await flush(true);
    await redis.set(keys.spec, JSON.stringify(stored(total)));
    return { submitted, total };
  } finally {
    await queue.close();
    run.dispose();
  }
}
