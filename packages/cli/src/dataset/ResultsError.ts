import { GlassboxError } from '@glassbox/core';

declare module '@glassbox/core' {
  interface GlassboxErrorCodes {
    /** Results files lack examples (ids or whole shards) of their run. */
    RESULTS_MISSING: true;
    /** An example appears more than once across results files. */
    RESULTS_DUPLICATED: true;
    /** Results files come from different runs (method, options, seed or model differ). */
    RESULTS_MISMATCH: true;
  }
}

/** Why results files cannot be merged or collected. `details.ids` lists (up to 20) offending ids. */
export class ResultsError extends GlassboxError {
  constructor(code: 'RESULTS_MISSING' | 'RESULTS_DUPLICATED' | 'RESULTS_MISMATCH', message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
