import { resolve } from 'node:path';
import { InvalidOptionError } from '@glassbox/core';
import { takeFlag } from '../parseArgs';
import type { Io } from '../io/Io';
import { parseDatasetFlags } from '../dataset/explainDatasetCommand';
import { submitQueueJob } from './submitQueueJob';
import { runQueueWorker } from './runQueueWorker';
import { collectResults, queueStatus } from './collectResults';

const USAGE = `glassbox queue submit --redis URL --job NAME --model m.json (--input x.jsonl | --data x.csv) --method id [--batch-size n] [explain flags]
glassbox queue worker --redis URL [--concurrency n] [--lock-ms ms] [--idle-exit-ms ms]
glassbox queue status --redis URL --job NAME
glassbox queue collect --redis URL --job NAME --out all.jsonl`;

const int = (flags: Map<string, string>, name: string): number | undefined => {
  const v = takeFlag(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidOptionError(`--${name} ${v}: expected an integer ≥ 1`);
  return n;
};

/** `glassbox queue submit|worker|status|collect`: a dataset run spread over machines with BullMQ on Redis. */
export async function queueCommand(io: Io, positional: readonly string[], flags: Map<string, string>): Promise<number> {
  const sub = positional[0];
  const redis = takeFlag(flags, 'redis');
  const noRest = () => {
    if (flags.size) throw new InvalidOptionError(`Unknown flag --${[...flags.keys()][0]} for queue ${sub}; usage:\n${USAGE}`);
  };
  switch (sub) {
    case 'submit': {
      const job = takeFlag(flags, 'job');
      if (!job) throw new InvalidOptionError(`Missing --job; usage:\n${USAGE}`);
      if (!flags.has('out')) flags.set('out', 'queue.jsonl'); // results live in Redis; collect writes the file
      const o = parseDatasetFlags(io, flags);
      const r = await submitQueueJob({ redis: redis!, job, spec: o.spec, source: o.source, batchSize: o.batchSize, io });
      io.err(`submitted ${r.submitted} of ${r.total} example(s) as job "${job}"`);
      return 0;
    }
    case 'worker': {
      const concurrency = int(flags, 'concurrency');
      const lockMs = int(flags, 'lock-ms');
      const idleExitMs = int(flags, 'idle-exit-ms');
      noRest();
      const r = await runQueueWorker({ redis: redis!, io, ...(concurrency ? { concurrency } : {}), ...(lockMs ? { lockMs } : {}), ...(idleExitMs ? { idleExitMs } : {}) });
      io.err(`queue worker done: ${r.jobs} job(s), ${r.examples} example(s)`);
      return 0;
    }
    case 'status': {
      const job = takeFlag(flags, 'job');
      if (!job) throw new InvalidOptionError(`Missing --job; usage:\n${USAGE}`);
      noRest();
      const s = await queueStatus(redis!, job);
      io.out(JSON.stringify(s));
      io.err(`job "${job}": ${s.done}/${s.total} examples done; ${s.failed.length} failed job(s)`);
      return 0;
    }
    case 'collect': {
      const job = takeFlag(flags, 'job');
      const out = takeFlag(flags, 'out');
      if (!job || !out) throw new InvalidOptionError(`Missing ${!job ? '--job' : '--out'}; usage:\n${USAGE}`);
      noRest();
      const r = await collectResults(redis!, job, resolve(io.cwd, out));
      io.err(`collected ${r.examples} example(s), each once; wrote ${out}`);
      return 0;
    }
    default:
      throw new InvalidOptionError(`Unknown queue command "${sub ?? ''}"; expected submit, worker, status or collect; usage:\n${USAGE}`);
  }
}
