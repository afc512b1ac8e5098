import { GlassboxError } from './GlassboxError';

/** An option is unknown, of the wrong type, or out of its range. Code: `INVALID_OPTION`. */
export class InvalidOptionError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('INVALID_OPTION', message, details, options);
  }
}
