import { readdir } from 'node:fs/promises';
import type { Io } from '../io/Io';
import { threadExecutor, inThreadExecutor, workersFor, type BatchExecutor } from './BatchExecutor';
import { countLines } from './countLines';
import type { Example, ExampleSource } from './Example';
import type { Batch } from './explainBatch';
import { loadRun } from './loadRun';
import { checkSameRun, openResults } from './openResults';
import { inShard, type Shard } from './parseShard';
import { probeBatching } from './probeBatching';
import { rateProgress } from './rateProgress';
import { readExamples } from './readExamples';
import type { RunSpec } from './RunSpec';

/** A dataset run: `glassbox explain --input x.jsonl|--data x.csv --out results.jsonl`. */
export interface DatasetRunOptions {
  spec: RunSpec;
  source: ExampleSource;
  /** Results file (JSONL). */
  out: string;
  resume?: boolean;
  /**
   * Worker threads; 1 (the default) explains in the calling thread. `'auto'`: one when the
   * backend's kernels use every core (`BackendProvider.usesAllCores`, the native backend), else
   * one per core.
   */
  workers?: number | 'auto';
  shard?: Shard | undefined;
  /** Examples per batch handed to a worker (default 32). */
  batchSize?: number;
  /** The compiled `datasetWorker.js` (needed when workers > 1). */
  workerUrl?: URL;
  io: Io;
  /** Where the rate/ETA line goes (default stderr). */
  progressStream?: NodeJS.WriteStream;
}

/** What a dataset run did. */
export interface DatasetRunSummary {
  /** Examples explained by this run. */
  explained: number;
  /** Examples skipped because the results file already had them (`--resume`). */
  skipped: number;
  /** Bytes of a half-written last line cut off before resuming. */
  truncatedBytes: number;
  batched: boolean;
  seconds: number;
  /** Worker threads used (1: the calling thread). */
  workers: number;
}

/**
 * Streams a dataset through an explainer into a JSONL results file, one line per example, written
 * as each batch finishes. Memory stays flat in the dataset's size: examples are read lazily and at
 * most `2 × workers` batches are in flight. Lines are written in input order (a reorder buffer holds
 * batches that finish early), so a run without `--resume` writes the same file whatever `--workers`
 * is (apart from `timing`). Examples outside `--shard` or already in the file (`--resume`) are skipped.
 */
export async function runDataset(o: DatasetRunOptions): Promise<DatasetRunSummary> {
  const t0 = performance.now();
  const batchSize = o.batchSize ?? 32;
  const run = await loadRun(o.spec, o.io);
  const workers = workersFor(o.workers, run.usesAllCores);
  let executor: BatchExecutor | undefined;
  const results = await openResults(o.out, { resume: !!o.resume });
  try {
    const spec0 = { size: run.inputSize, inputShape: run.model.inputShape, featureNames: run.model.featureNames };
    const first: Example[] = [];
    for await (const ex of readExamples(o.source, spec0)) if (first.push(ex) >= 2) break;
    if (!first.length) return { explained: 0, skipped: 0, truncatedBytes: results.truncatedBytes, batched: false, seconds: 0, workers };
    const probe = await probeBatching(run, first);
    const batched = probe.batched;
    const header = { ...probe.header, ...(o.shard ? { shard: o.shard } : {}) };
    const spec: RunSpec = { ...o.spec, batched };
    run.spec = spec;
    checkSameRun(o.out, results.header, header);
    if (!results.header) results.append([JSON.stringify(header)]);
    executor = workers > 1 ? await threadExecutor(spec, workers, o.workerUrl!) : inThreadExecutor(run);

    const lines = o.source.kind === 'images' ? (await readdir(o.source.path)).length : await countLines(o.source.path);
    const estimate = Math.max(0, Math.round((lines - (o.source.kind === 'csv' ? 1 : 0)) / (o.shard?.count ?? 1)) - results.done.size);
    const progress = rateProgress(estimate, o.progressStream, undefined, !!o.shard);
    let explained = 0;
    let skipped = 0;
    let nextSeq = 0;
    let writeSeq = 0;
    const finished = new Map<number, string[]>();
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    const submit = (batch: Batch) => {
      const seq = nextSeq++;
      const p = executor!.run(batch).then(
        (r) => {
          finished.set(seq, r.lines);
          while (finished.has(writeSeq)) {
            const ls = finished.get(writeSeq)!;
            finished.delete(writeSeq++);
            results.append(ls);
            explained += ls.length;
            progress.update(explained);
          }
        },
        (e) => {
          failure ??= e;
        },
      );
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    let ids: Batch['ids'] = [];
    let vals: Float32Array[] = [];
    let targets: Batch['targets'] = [];
    const flush = async () => {
      if (!ids.length) return;
      const values = new Float32Array(ids.length * run.inputSize);
      vals.forEach((v, i) => values.set(v, i * run.inputSize));
      submit({ ids, values, targets });
      ids = [];
      vals = [];
      targets = [];
      while (inFlight.size >= 2 * executor!.slots) await Promise.race(inFlight);
      if (failure) throw failure;
    };
    for await (const ex of readExamples(o.source, spec0)) {
      if (!inShard(o.shard, ex.id)) continue;
      if (results.done.has(JSON.stringify(ex.id))) {
        skipped++;
        continue;
      }
      ids.push(ex.id);
      vals.push(ex.values);
      targets.push(ex.target ?? null);
      if (ids.length >= batchSize) await flush();
    }
    await flush();
    await Promise.all(inFlight);
    if (failure) throw failure;
    progress.done();
    o.io.err(`${progress.line(explained)} · ${batched ? 'batched' : 'one example per call'} · wrote ${o.out}`);
    return { explained, skipped, truncatedBytes: results.truncatedBytes, batched, seconds: (performance.now() - t0) / 1000, workers };
  } finally {
    await executor?.close();
    results.close();
    run.dispose();
  }
}
