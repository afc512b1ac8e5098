import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { GlassboxError, type GlassboxErrorCode } from '@glassbox/core';
import { explainBatch, type Batch, type BatchResult } from './explainBatch';
import type { LoadedRun } from './loadRun';
import type { RunSpec } from './RunSpec';

/** Explains batches: in this thread, or on a pool of worker threads. */
export interface BatchExecutor {
  /** How many batches it computes at once. */
  readonly slots: number;
  run(batch: Batch): Promise<BatchResult>;
  close(): Promise<void>;
}

/** One worker per core: the default `--workers` unless the backend uses every core itself (see {@link workersFor}). */
export const defaultWorkers = (): number => availableParallelism();

/**
 * The worker threads of a dataset run: the number given, or for `'auto'` one when the backend's
 * kernels already use every core (`BackendProvider.usesAllCores`) and one per core otherwise.
 */
export function workersFor(option: number | 'auto' | undefined, usesAllCores: boolean): number {
  if (option === 'auto') return usesAllCores ? 1 : defaultWorkers();
  return Math.max(1, option ?? 1);
}

/** Explains in the calling thread (`--workers 1`). */
export function inThreadExecutor(run: LoadedRun): BatchExecutor {
  return { slots: 1, run: (b) => explainBatch(run, b), close: async () => {} };
}

/** A message from a worker thread. */
type Reply = { ready: true } | { seq: number; result: BatchResult } | { seq?: number; error: { code?: string; message: string; details?: Record<string, unknown> } };

const revive = (e: { code?: string; message: string; details?: Record<string, unknown> }): Error =>
  e.code ? new GlassboxError(e.code as GlassboxErrorCode, e.message, e.details ?? {}) : new Error(e.message);

/**
 * `--workers N`: N worker threads (the `datasetWorker` entry), each loading its own model and tfjs
 * backend. A batch goes to the first idle worker; results are returned per batch, so the order in
 * which workers finish does not matter.
 */
export async function threadExecutor(spec: RunSpec, count: number, workerUrl: URL): Promise<BatchExecutor> {
  const pending = new Map<number, { resolve(r: BatchResult): void; reject(e: Error): void }>();
  const idle: Worker[] = [];
  const waiting: (() => void)[] = [];
  let seq = 0;
  let fatal: Error | undefined;
  const workers = await Promise.all(
    Array.from({ length: count }, () => {
      const w = new Worker(workerUrl, { workerData: spec });
      return new Promise<Worker>((resolve, reject) => {
        w.once('message', (m: Reply) => ('ready' in m ? resolve(w) : reject(revive((m as { error: { message: string } }).error))));
        w.once('error', reject);
      });
    }),
  );
  for (const w of workers) {
    w.on('message', (m: Reply) => {
      if ('ready' in m || m.seq === undefined) return;
      const p = pending.get(m.seq);
      pending.delete(m.seq);
      idle.push(w);
      waiting.shift()?.();
      if ('result' in m) p?.resolve(m.result);
      else p?.reject(revive(m.error));
    });
    w.on('error', (e) => {
      fatal = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    idle.push(w);
  }
  return {
    slots: count,
    async run(batch) {
      if (fatal) throw fatal;
      while (!idle.length) await new Promise<void>((r) => waiting.push(r));
      const w = idle.shift()!;
      const id = seq++;
      return new Promise<BatchResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ seq: id, batch });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
