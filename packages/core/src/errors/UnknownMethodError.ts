import { GlassboxError } from './GlassboxError';

/** No explainer with that method id is registered or installed. Code: `UNKNOWN_METHOD`. */
export class UnknownMethodError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('UNKNOWN_METHOD', message, details, options);
  }
}
