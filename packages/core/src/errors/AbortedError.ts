import { GlassboxError } from './GlassboxError';

/** The operation was aborted through its AbortSignal; all tensors it held were released. Code: `ABORTED`. */
export class AbortedError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('ABORTED', message, details, options);
  }
}
