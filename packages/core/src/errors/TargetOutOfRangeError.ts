import { GlassboxError } from './GlassboxError';

/** A target index is not an integer in [0, outputs). Code: `TARGET_OUT_OF_RANGE`. */
export class TargetOutOfRangeError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('TARGET_OUT_OF_RANGE', message, details, options);
  }
}
