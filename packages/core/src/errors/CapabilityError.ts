import { GlassboxError } from './GlassboxError';

/** The model lacks a capability the explainer requires (e.g. gradients). Code: `MISSING_CAPABILITY`. */
export class CapabilityError extends GlassboxError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('MISSING_CAPABILITY', message, details, options);
  }
}
