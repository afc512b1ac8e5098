import { GlassboxError } from './GlassboxError';

/**
 * The model uses an operation that TensorFlow.js cannot differentiate (for example `TopK`), so
 * gradient methods cannot run on it. `details.op` names the operation and `details.suggested`
 * lists methods that need no gradients. Code: `NO_GRADIENT`.
 */
export class NoGradientError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('NO_GRADIENT', message, details, options);
  }
}
