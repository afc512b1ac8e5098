import { InvalidOptionError } from '@glassbox/core';

/** The BullMQ queue every glassbox queue worker pulls from (jobs of all runs). */
export const QUEUE_NAME = 'glassbox-explain';

/**
 * Redis keys of one queued run (`--job NAME`): its spec (JSON RunSpec + total + header) and its
 * results, a hash from `JSON.stringify(id)` to the result line. Writing an example twice (a retried
 * or stalled job) overwrites the same field: results are idempotent, never duplicated.
 */
export function runKeys(job: string) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(job)) {
    throw new InvalidOptionError(`--job ${job}: expected a name of letters, digits, ".", "_" or "-" (at most 100)`, { job });
  }
  return { spec: `glassbox:run:${job}:spec`, results: `glassbox:run:${job}:results`, failed: `glassbox:run:${job}:failed` };
}

/** BullMQ connection options for `--redis redis://host:port[/db]`. */
export function redisConnection(url: string | undefined) {
  if (!url || !/^rediss?:\/\//.test(url)) throw new InvalidOptionError(`--redis ${url ?? ''}: expected a URL such as redis://127.0.0.1:6379`, { redis: url });
  return { url, maxRetriesPerRequest: null, lazyConnect: false };
}

/** The ioredis client under a BullMQ queue or worker (BullMQ's default client is ioredis). */
export const ioredisOf = async (owner: { client: Promise<unknown> }): Promise<import('ioredis').Redis> => (await owner.client) as import('ioredis').Redis;
