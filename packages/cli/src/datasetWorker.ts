// Entry of the worker threads of `glassbox explain --workers N`: one model and backend per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isGlassboxError } from '@glassbox/core';
import { loadRun } from './dataset/loadRun';
import { explainBatch, type Batch } from './dataset/explainBatch';
import type { RunSpec } from './dataset/RunSpec';

const port = parentPort!;
const asError = (e: unknown) =>
  isGlassboxError(e) ? { code: e.code, message: e.message, details: e.details } : { message: e instanceof Error ? e.message : String(e) };

loadRun(workerData as RunSpec).then(
  (run) => {
    port.on('message', (m: { seq: number; batch: Batch }) => {
      explainBatch(run, m.batch).then(
        (result) => port.postMessage({ seq: m.seq, result }),
        (e) => port.postMessage({ seq: m.seq, error: asError(e) }),
      );
    });
    port.postMessage({ ready: true });
  },
  (e) => port.postMessage({ error: asError(e) }),
);
