import { describe, expect, it } from 'vitest';
import { planChunks } from './planChunks';
import { availableMemoryBytes, defaultMemoryBudget, MEMORY_BUDGET_FRACTION, memoryLimitBytes } from './defaultMemoryBudget';
import { createContext } from '../explainer/runExplainer';

describe('planChunks', () => {
  it('fills the budget, and shrinks down to one item when one item exceeds it', () => {
    expect(planChunks(100, 4e6, 64e6, 1e9)).toEqual({ chunkSize: 16, chunks: 7 });
    expect(planChunks(3, 10, 1e6, 1e9)).toEqual({ chunkSize: 3, chunks: 1 });
    expect(planChunks(5, 4e8, 64e6, 1e9)).toEqual({ chunkSize: 1, chunks: 5 });
  });

  it('refuses one item only when it needs more than the memory available, with MEMORY_BUDGET', () => {
    expect(() => planChunks(5, 2e9, 64e6, 1e9)).toThrow(expect.objectContaining({ code: 'MEMORY_BUDGET', message: expect.stringMatching(/more than the 953.7 MiB of memory available/) }));
  });
});

describe('defaultMemoryBudget', () => {
  it('is a share of the memory available in Node (not a fixed 256 MiB)', () => {
    const free = availableMemoryBytes();
    expect(free).toBeGreaterThan(0);
    const budget = defaultMemoryBudget();
    // Free memory moves between the two reads; compare within 10 %.
    expect(budget / (free! * MEMORY_BUDGET_FRACTION)).toBeGreaterThan(0.9);
    expect(budget / (free! * MEMORY_BUDGET_FRACTION)).toBeLessThan(1.1);
    expect(memoryLimitBytes()).toBeGreaterThan(budget);
    expect(createContext().memoryBudgetBytes / budget).toBeGreaterThan(0.9);
  });

  it('an explicit budget must be a positive number of bytes', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, '5' as never]) {
      expect(() => createContext({ memoryBudgetBytes: bad })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    }
    expect(createContext({ memoryBudgetBytes: 1024 }).memoryBudgetBytes).toBe(1024);
  });
});
