import { GlassboxError } from './GlassboxError';

/** Input tensors or arrays have the wrong shape, dtype, or contain NaN/Infinity. Code: `INVALID_INPUT`. */
export class InvalidInputError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, details, options);
  }
}
