import { GlassboxError } from './GlassboxError';

/**
 * An explanation holds NaN or ±Infinity (inputs near the float32 limit, a model that overflows).
 * `details.examples` lists the affected example indices, `details.count` the non-finite values.
 * Code: `NON_FINITE_RESULT`.
 */
export class NonFiniteResultError extends GlassboxError {
  constructor(message: string, details: { examples: number[]; count: number } & Record<string, unknown>) {
    super('NON_FINITE_RESULT', message, details);
  }
}
