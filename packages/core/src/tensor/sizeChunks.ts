import { measureItemBytes } from './measureItemBytes';
import { guessItemBytes } from './guessItemBytes';
import { planChunks } from './planChunks';

/**
 * What one work item of a chunked computation costs in memory, as the chunk runner takes it:
 * - `{ bytesPerItem, fixedBytes? }`: known bytes per item (and per call);
 * - `{ elements, copies? }`: estimated with {@link guessItemBytes} from the values of one item;
 * - `{ measure }`: measured with {@link measureItemBytes}, by running `measure(items)` on one and
 *   two items (it must release what it allocates: wrap it in `tf.tidy` and dispose the result);
 * - `{ measureFirst: true }`: measured on the first item's real work, whose result is kept (no
 *   extra computation; the whole peak counts per item, an over-estimate by the fixed part). Only
 *   {@link runChunks} with a synchronous `compute` can measure this way;
 * - `{ chunkSize }`: a fixed number of items per chunk (an explicit user option), no budget check.
 */
export type ItemCost =
  | { bytesPerItem: number; fixedBytes?: number }
  | { elements: number; copies?: number }
  | { measure: (items: number) => void }
  | { measureFirst: true }
  | { chunkSize: number };

/** The size of the chunks of a job and how it was decided. */
export interface ChunkPlan {
  chunkSize: number;
  chunks: number;
  /** Bytes one item needs, when estimated or measured. */
  bytesPerItem?: number;
}

/**
 * Turns an {@link ItemCost} into a chunk size with {@link planChunks} (the one place where the
 * memory budget decides chunk sizes), capped by `maxChunkSize`. A job of at most one item is not
 * measured (there is nothing to split).
 */
export async function sizeChunks(total: number, cost: ItemCost, budgetBytes: number, maxChunkSize = Infinity): Promise<ChunkPlan> {
  const items = Math.max(1, total);
  const cap = (chunkSize: number, bytesPerItem?: number): ChunkPlan => {
    const size = Math.max(1, Math.min(chunkSize, Math.floor(maxChunkSize), items));
    return { chunkSize: size, chunks: Math.ceil(total / size), ...(bytesPerItem !== undefined ? { bytesPerItem } : {}) };
  };
  if ('chunkSize' in cost) return cap(Math.floor(cost.chunkSize));
  if ('measureFirst' in cost) throw new TypeError('sizeChunks: { measureFirst } is measured by runChunks while it computes the first item');
  if ('measure' in cost) {
    if (items <= 1) return cap(1);
    const { perItem, fixed } = await measureItemBytes(cost.measure);
    return cap(planChunks(items, perItem, Math.max(0, budgetBytes - fixed)).chunkSize, perItem);
  }
  const perItem = 'elements' in cost ? guessItemBytes(cost.elements, cost.copies) : cost.bytesPerItem;
  const budget = 'fixedBytes' in cost ? Math.max(0, budgetBytes - (cost.fixedBytes ?? 0)) : budgetBytes;
  return cap(planChunks(items, perItem, budget).chunkSize, perItem);
}
