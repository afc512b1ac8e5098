import { InvalidOptionError } from '@glassbox/core';
import { hashId, type ExampleId } from './hashId';

/** One share of a dataset: examples whose id hashes to `index` modulo `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard k/n` (0 ≤ k < n). `k` may be `index`, read from `JOB_COMPLETION_INDEX`
 * (Kubernetes Indexed Jobs), `SLURM_ARRAY_TASK_ID` or `GLASSBOX_SHARD_INDEX`, in that order.
 */
export function parseShard(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (flag === undefined) return undefined;
  const m = /^([^/]+)\/(\d+)$/.exec(flag.trim());
  let k = m?.[1];
  if (k === 'index') k = env.JOB_COMPLETION_INDEX ?? env.SLURM_ARRAY_TASK_ID ?? env.GLASSBOX_SHARD_INDEX;
  const index = Number(k);
  const count = Number(m?.[2]);
  if (!m || k === undefined || !/^\d+$/.test(k) || !Number.isInteger(count) || count < 1 || index >= count) {
    throw new InvalidOptionError(
      `--shard ${flag}: expected k/n with integers 0 ≤ k < n (or index/n with JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or GLASSBOX_SHARD_INDEX set)`,
      { shard: flag },
    );
  }
  return { index, count };
}

/** Whether an example belongs to the shard: `hashId(id) mod n = k` (all examples without a shard). */
export function inShard(shard: Shard | undefined, id: ExampleId): boolean {
  return !shard || hashId(id) % shard.count === shard.index;
}
