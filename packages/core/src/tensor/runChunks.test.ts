import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createContext } from '../explainer/runExplainer';
import type { Progress } from '../explainer/ExplainContext';
import { trackTensors } from '../testing/trackTensors';
import { LARGE_CHUNK_BYTES, MIN_LARGE_CHUNKS, runChunks } from './runChunks';

/** Squares items `[start, end)` of `x` in a tensor chunk and collects them in order. */
async function squares(x: Float32Array, options: { budget: number; cost: Parameters<typeof runChunks>[0]['cost']; group?: number; maxChunkSize?: number }) {
  const progress: Progress[] = [];
  const spans: [number, number][] = [];
  const out = new Float32Array(x.length);
  const context = createContext({ memoryBudgetBytes: options.budget, onProgress: (p) => progress.push(p) });
  const plan = await runChunks({
    total: x.length,
    context,
    stage: 'square',
    cost: options.cost,
    group: options.group,
    maxChunkSize: options.maxChunkSize,
    compute: (start, end) => tf.square(tf.tensor1d(x.subarray(start, end))),
    collect: (values, start, end) => {
      spans.push([start, end]);
      out.set(values, start);
    },
  });
  return { plan, progress, spans, out };
}

const x = Float32Array.from({ length: 10 }, (_, i) => i - 4.5);

describe('runChunks', () => {
  it('sizes chunks from the budget, computes every item once in order, reports progress per chunk and leaks nothing', async () => {
    const r = await trackTensors(() => squares(x, { budget: 300, cost: { bytesPerItem: 100 } }));
    expect(r.leaked).toBe(0);
    const { plan, progress, spans, out } = r.value!;
    expect(plan).toMatchObject({ chunkSize: 3, chunks: 4, bytesPerItem: 100 });
    expect(spans).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
    expect(progress.map((p) => p.done)).toEqual([3, 6, 9, 10]);
    expect(progress.every((p) => p.stage === 'square' && p.total === 10)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(x, (v) => v * v));
  });

  it('estimates from element counts (8 float32 copies), caps at maxChunkSize, or takes a fixed chunk size', async () => {
    expect((await squares(x, { budget: 4 * 8 * 2 * 5, cost: { elements: 2 } })).plan.chunkSize).toBe(5);
    expect((await squares(x, { budget: 1e9, cost: { elements: 2 }, maxChunkSize: 4 })).spans).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect((await squares(x, { budget: 1, cost: { chunkSize: 6 } })).spans).toEqual([[0, 6], [6, 10]]);
  });

  it('splits a job of chunks over LARGE_CHUNK_BYTES into at least MIN_LARGE_CHUNKS chunks, and leaves smaller chunks whole', async () => {
    // 10 items of 8 MiB: the budget holds all 10 (80 MiB, over the limit), so 4 chunks of at most 3.
    const big = await squares(x, { budget: 2 ** 40, cost: { bytesPerItem: 8 * 2 ** 20 } });
    expect(LARGE_CHUNK_BYTES).toBe(64 * 2 ** 20);
    expect(big.spans).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
    expect(big.plan.chunks).toBeGreaterThanOrEqual(MIN_LARGE_CHUNKS);
    expect(Array.from(big.out)).toEqual(Array.from(x, (v) => v * v));
    // 10 items of 6 MiB fit one 60 MiB chunk: one chunk, as the budget allows.
    expect((await squares(x, { budget: 2 ** 40, cost: { bytesPerItem: 6 * 2 ** 20 } })).spans).toEqual([[0, 10]]);
    // A fixed chunk size (a user's option) is kept whatever the items cost.
    expect((await squares(x, { budget: 2 ** 40, cost: { chunkSize: 10 } })).spans).toEqual([[0, 10]]);
    // With groups the cap rounds down to whole groups (3 items → 1 group of 2).
    expect((await squares(x, { budget: 2 ** 40, cost: { bytesPerItem: 8 * 2 ** 20 }, group: 2 })).spans).toEqual([[0, 2], [2, 4], [4, 6], [6, 8], [8, 10]]);
  });

  it('keeps chunks to whole groups, or inside one group when a group does not fit', async () => {
    // 10 items = 5 groups of 2 (e.g. steps × examples): a budget of 5 items makes chunks of 2 groups.
    expect((await squares(x, { budget: 500, cost: { bytesPerItem: 100 }, group: 2 })).spans).toEqual([[0, 4], [4, 8], [8, 10]]);
    // Groups of 4 with room for 3 items: chunks never straddle a group boundary.
    const inside = await squares(x, { budget: 300, cost: { bytesPerItem: 100 }, group: 4 });
    expect(inside.spans).toEqual([[0, 3], [3, 4], [4, 7], [7, 8], [8, 10]]);
    expect(Array.from(inside.out)).toEqual(Array.from(x, (v) => v * v));
  });

  it('measures the bytes of one item on the work itself and plans with them', async () => {
    const work = (items: number) => tf.dispose(tf.tidy(() => tf.square(tf.ones([items, 256]))));
    const plan = (budget: number) => squares(x, { budget, cost: { measure: work } });
    const roomy = await plan(1 << 30);
    expect(roomy.plan.chunkSize).toBe(10);
    // Each item allocates its 256 ones and their squares: at least 2 KiB; a 16 KiB budget holds a few.
    expect(roomy.plan.bytesPerItem).toBeGreaterThanOrEqual(2048);
    const tight = await plan(4 * roomy.plan.bytesPerItem!);
    expect(tight.plan.chunkSize).toBeGreaterThanOrEqual(1);
    expect(tight.plan.chunkSize).toBeLessThan(10);
    expect(Array.from(tight.out)).toEqual(Array.from(x, (v) => v * v));
  });

  it('runs an item larger than the budget alone, and refuses only an item larger than the memory available with MEMORY_BUDGET', async () => {
    const alone = await squares(x, { budget: 99, cost: { bytesPerItem: 100 } });
    expect(alone.plan.chunkSize).toBe(1);
    expect(Array.from(alone.out)).toEqual(Array.from(x, (v) => v * v));
    await expect(squares(x, { budget: 99, cost: { bytesPerItem: 2 ** 60 } })).rejects.toMatchObject({ code: 'MEMORY_BUDGET' });
  });

  it('stops with ABORTED between chunks, having released every chunk, and disposes tensors returned by async work', async () => {
    const controller = new AbortController();
    const context = createContext({ signal: controller.signal, memoryBudgetBytes: 200 });
    let chunks = 0;
    const r = await trackTensors(() =>
      runChunks({
        total: 10,
        context,
        stage: 'async',
        cost: { bytesPerItem: 100 },
        async computeAsync(start, end) {
          const input = tf.ones([end - start]);
          try {
            return tf.mul(input, 2);
          } finally {
            input.dispose();
          }
        },
        collect: () => {
          if (++chunks === 2) controller.abort('enough');
        },
      }),
    );
    expect(r.error).toMatchObject({ code: 'ABORTED' });
    expect(chunks).toBe(2);
    expect(r.leaked).toBe(0);
  });

  it('releases the chunk when the work throws inside tidy', async () => {
    const r = await trackTensors(() =>
      runChunks({
        total: 4,
        context: createContext(),
        stage: 'throws',
        cost: { chunkSize: 2 },
        compute: (start) => {
          tf.ones([3]);
          if (start === 2) throw new Error('bad chunk');
          return tf.zeros([2]);
        },
      }),
    );
    expect((r.error as Error).message).toBe('bad chunk');
    expect(r.leaked).toBe(0);
  });
});
