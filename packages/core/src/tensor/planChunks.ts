import { MemoryBudgetError } from '../errors/MemoryBudgetError';
import { memoryLimitBytes } from './defaultMemoryBudget';

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/**
 * How many work items (examples × steps, samples …) fit one chunk of batched work, given the bytes
 * one item needs (forward and backward activations included, best measured with
 * `measureItemBytes`) and the budget. The chunk shrinks down to one item: an item larger than the
 * budget runs alone. Only an item that needs more than `limitBytes` (default: the memory available
 * now, see `memoryLimitBytes`) is refused, with a `MemoryBudgetError`.
 *
 * @example
 * ```ts
 * planChunks(100, 4e6, 64e6); // { chunkSize: 16, chunks: 7 }
 * planChunks(100, 4e8, 64e6); // { chunkSize: 1, chunks: 100 } when 400 MB are free
 * ```
 */
export function planChunks(total: number, bytesPerItem: number, budgetBytes: number, limitBytes: number = memoryLimitBytes()): { chunkSize: number; chunks: number } {
  if (bytesPerItem > Math.max(budgetBytes, limitBytes)) {
    throw new MemoryBudgetError(
      `One item needs ${bytesPerItem} bytes (${mb(bytesPerItem)}), more than the ${mb(limitBytes)} of memory available; free memory or use a smaller input`,
      { bytesPerItem, budgetBytes, limitBytes },
    );
  }
  const chunkSize = Math.max(1, Math.min(total, Math.floor(budgetBytes / Math.max(1, bytesPerItem))));
  return { chunkSize, chunks: Math.ceil(total / chunkSize) };
}
