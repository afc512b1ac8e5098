import { GlassboxError } from './GlassboxError';

/** The work cannot fit the memory budget even in the smallest chunk. Code: `MEMORY_BUDGET`. */
export class MemoryBudgetError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('MEMORY_BUDGET', message, details, options);
  }
}
