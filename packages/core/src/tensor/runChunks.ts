import * as tf from '@tensorflow/tfjs-core';
import type { ExplainContext } from '../explainer/ExplainContext';
import { peakBytes } from './measureItemBytes';
import { sizeChunks, type ChunkPlan, type ItemCost } from './sizeChunks';

/**
 * A chunk that needs more than this many bytes holds at most a quarter of the job's items
 * ({@link MIN_LARGE_CHUNKS} chunks): see {@link runChunks}.
 */
export const LARGE_CHUNK_BYTES = 64 * 1024 * 1024;
/** The fewest chunks a job of large chunks is split into. */
export const MIN_LARGE_CHUNKS = 4;

/** What a chunk's work may return: tensors (read and disposed by the runner) or host values. */
export type ChunkOutput = tf.Tensor | readonly tf.Tensor[] | Float32Array | readonly Float32Array[] | void;

/** What {@link runChunks} hands to `collect`: tensors read into `Float32Array`s, anything else as is. */
export type ChunkValues<T> = T extends readonly tf.Tensor[] ? Float32Array[] : T extends tf.Tensor ? Float32Array : T;

interface ChunkJobBase<T extends ChunkOutput> {
  /** Number of work items (examples, examples × steps, noisy samples, perturbed rows …). */
  total: number;
  /** Memory budget, progress and abort. */
  context: Pick<ExplainContext, 'memoryBudgetBytes' | 'progress' | 'throwIfAborted'>;
  /** Progress stage name. */
  stage: string;
  /** What one item costs: decides the chunk size (see {@link ItemCost}). */
  cost: ItemCost;
  /** Most items per chunk, whatever the budget allows (e.g. a `maxBatch` option). */
  maxChunkSize?: number | undefined;
  /**
   * Items come in groups of this size (e.g. one group per integration step, `n` examples each): a
   * chunk holds whole groups, or lies inside one group when a group does not fit. Default 1.
   */
  group?: number | undefined;
  /** Receives each chunk's values, `[start, end)` in item order, after its tensors are released. */
  collect?(values: ChunkValues<T>, start: number, end: number): void;
}

/**
 * A chunked job: `compute` builds a chunk's tensors synchronously (the runner runs it inside
 * `tf.tidy`), or `computeAsync` does asynchronous work (model calls) and releases its own
 * temporaries; tensors it returns are read and disposed by the runner.
 */
export type ChunkJob<T extends ChunkOutput> = ChunkJobBase<T> &
  ({ compute(start: number, end: number): T; computeAsync?: never } | { computeAsync(start: number, end: number): Promise<T>; compute?: never });

/**
 * The one chunk loop of Glassbox. Sizes chunks from the context's memory budget and the item cost
 * ({@link sizeChunks}), then per chunk: checks for abort, computes (in `tf.tidy` for synchronous
 * work), reads the resulting tensors, disposes them, hands the values to `collect`, reports
 * progress (`done` = items finished) and yields to the event loop. Nothing it allocates outlives
 * a chunk, also when the work throws or the signal fires. Returns the plan it used.
 *
 * A job whose chunks would each need more than {@link LARGE_CHUNK_BYTES} runs in at least
 * {@link MIN_LARGE_CHUNKS} chunks, even where the budget holds more: the memory of a chunk is
 * touched for the first time once and reused by the next chunks, and first touches can cost as
 * much as the arithmetic (the MNIST CNN's integrated gradients, 64 digits × 50 steps, in a fresh
 * CLI process on native: 1,920 + 1,280 items took 179–249 ms with a peak of 271–276 MiB;
 * 4 × 800 items took 152–214 ms with a peak of 161–163 MiB). Progress and abort also come in finer
 * steps.
 *
 * @example
 * ```ts
 * const values = new Float32Array(n * per);
 * const plan = await runChunks({
 *   total: n, context, stage: 'saliency',
 *   cost: { measure: (m) => tf.dispose(tf.tidy(() => grads(tf.tile(tf.slice(x, 0, 1), [m, 1])))) },
 *   compute: (start, end) => tf.abs(grads(tf.slice(x, start, end - start))),
 *   collect: (chunk, start) => values.set(chunk, start * per),
 * });
 * ```
 */
export async function runChunks<T extends ChunkOutput>(job: ChunkJob<T>): Promise<ChunkPlan> {
  const { total, context, stage } = job;
  const group = Math.max(1, Math.floor(job.group ?? 1));
  let chunks = 0;
  let first = 0;
  let cost = job.cost;
  context.throwIfAborted();
  if ('measureFirst' in cost) {
    if (!job.compute || group !== 1) throw new TypeError('runChunks: { measureFirst } needs a synchronous compute and no groups');
    if (total > 1) {
      // The first item's real work is the probe: its result is kept, so measuring costs nothing.
      let out: T | undefined;
      const bytes = await peakBytes(() => {
        out = tf.tidy(() => job.compute!(0, 1) as tf.TensorContainer) as T;
      });
      job.collect?.((await readChunk(out!)) as ChunkValues<T>, 0, 1);
      chunks = first = 1;
      context.progress({ stage, done: 1, total });
      context.throwIfAborted();
      await tf.nextFrame();
      cost = { bytesPerItem: Math.max(1, bytes) };
    } else cost = { chunkSize: 1 };
  }
  const plan = await sizeChunks(total - first, cost, context.memoryBudgetBytes, job.maxChunkSize);
  let chunkSize = plan.chunkSize;
  if (plan.bytesPerItem !== undefined && chunkSize * plan.bytesPerItem > LARGE_CHUNK_BYTES) {
    chunkSize = Math.min(chunkSize, Math.max(1, Math.ceil((total - first) / MIN_LARGE_CHUNKS)));
  }
  // Whole groups per chunk when one fits, else chunks inside a group.
  const size = chunkSize >= group ? Math.floor(chunkSize / group) * group : chunkSize;
  const nextEnd = (start: number) => Math.min(total, start + size, size < group ? (Math.floor(start / group) + 1) * group : Infinity);
  for (let start = first; start < total; ) {
    const end = nextEnd(start);
    const out = job.compute ? tf.tidy(() => job.compute!(start, end) as tf.TensorContainer) as T : await job.computeAsync!(start, end);
    const values = await readChunk(out);
    job.collect?.(values as ChunkValues<T>, start, end);
    chunks++;
    context.progress({ stage, done: end, total });
    context.throwIfAborted();
    start = end;
    if (start < total) await tf.nextFrame();
  }
  return { ...plan, chunkSize: Math.min(size, Math.max(1, total)), chunks };
}

/** Reads a chunk's tensors into host arrays and disposes them (also when reading fails). */
async function readChunk(out: ChunkOutput): Promise<unknown> {
  if (out instanceof tf.Tensor) {
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }
  if (Array.isArray(out) && out.some((t) => t instanceof tf.Tensor)) {
    try {
      return (await Promise.all((out as tf.Tensor[]).map((t) => t.data()))) as Float32Array[];
    } finally {
      tf.dispose(out as tf.Tensor[]);
    }
  }
  return out;
}
