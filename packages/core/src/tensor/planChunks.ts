import { MemoryBudgetError } from '../errors/MemoryBudgetError';

/**
 * How many work items (examples × steps, samples …) fit one chunk of batched work, given the bytes
 * one item needs (forward and backward activations included) and the budget. At least 1, at most
 * `total`; throws MemoryBudgetError when even one item exceeds the budget.
 */
export function planChunks(total: number, bytesPerItem: number, budgetBytes: number): { chunkSize: number; chunks: number } {
  if (bytesPerItem > budgetBytes) {
    throw new MemoryBudgetError(`One item needs ${bytesPerItem} bytes; the memory budget is ${budgetBytes} bytes`, {
      bytesPerItem,
      budgetBytes,
    });
  }
  const chunkSize = Math.max(1, Math.min(total, Math.floor(budgetBytes / Math.max(1, bytesPerItem))));
  return { chunkSize, chunks: Math.ceil(total / chunkSize) };
}
