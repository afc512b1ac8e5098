import { GlassboxError } from './GlassboxError';

/** The model's structure does not support the requested operation (e.g. splitting at a layer). Code: `UNSUPPORTED_MODEL`. */
export class UnsupportedModelError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('UNSUPPORTED_MODEL', message, details, options);
  }
}
