/**
 * Stable error codes. A code never changes meaning once published; new failure kinds get new codes.
 */
export type GlassboxErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_OPTION'
  | 'TARGET_OUT_OF_RANGE'
  | 'MISSING_CAPABILITY'
  | 'MODEL_FILE_INVALID'
  | 'MODEL_WEIGHT_PATH_ESCAPE'
  | 'MODEL_WEIGHTS_MISSING'
  | 'MODEL_WEIGHTS_SIZE_MISMATCH'
  | 'MODEL_UNKNOWN_DTYPE'
  | 'MODEL_TOO_LARGE'
  | 'BACKEND_UNAVAILABLE'
  | 'WEBGPU_UNAVAILABLE'
  | 'ABORTED'
  | 'PIPELINE_STEP_FAILED'
  | 'UNKNOWN_METHOD'
  | 'DATA_FILE_INVALID'
  | 'MEMORY_BUDGET'
  | 'UNSUPPORTED_MODEL'
  | 'NO_GRADIENT'
  | 'BACKEND_SWITCHED'
  | 'OUTPUT_PATH_INVALID'
  | 'OUTPUT_OVERWRITES_INPUT'
  | 'OUTPUT_WRITE_FAILED'
  | 'NON_FINITE_RESULT'
  | 'PLUGIN_REFUSED';

/**
 * Base class of every error Glassbox throws on purpose. Match on `code`, never on the message.
 *
 * @example
 * ```ts
 * try { await explain(...) } catch (e) {
 *   if (e instanceof GlassboxError && e.code === 'TARGET_OUT_OF_RANGE') showHelp(e.message);
 * }
 * ```
 */
export class GlassboxError extends Error {
  /** Stable, machine-readable code. */
  readonly code: GlassboxErrorCode;
  /** Structured context (what was expected, what was received). JSON-safe. */
  readonly details: Record<string, unknown>;

  constructor(code: GlassboxErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }

  toJSON(): { name: string; code: GlassboxErrorCode; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** True when `e` is a GlassboxError (also across duplicated copies of this package). */
export function isGlassboxError(e: unknown): e is GlassboxError {
  return e instanceof GlassboxError || (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'details' in e);
}
