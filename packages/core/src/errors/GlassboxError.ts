/**
 * The registry of stable error codes (keys; values are unused, `true`). A code never changes
 * meaning once published; new failure kinds get new codes. Open for extension: a package adds
 * its codes by module augmentation and throws them with `new GlassboxError(code, …)` or a subclass.
 *
 * @example
 * ```ts
 * declare module '@glassbox/core' {
 *   interface GlassboxErrorCodes { COUNTERFACTUAL_NOT_FOUND: true }
 * }
 * throw new GlassboxError('COUNTERFACTUAL_NOT_FOUND', 'No counterfactual within 100 steps');
 * ```
 */
export interface GlassboxErrorCodes {
  INVALID_INPUT: true;
  INVALID_OPTION: true;
  TARGET_OUT_OF_RANGE: true;
  MISSING_CAPABILITY: true;
  MODEL_FILE_INVALID: true;
  MODEL_WEIGHT_PATH_ESCAPE: true;
  MODEL_WEIGHTS_MISSING: true;
  MODEL_WEIGHTS_SIZE_MISMATCH: true;
  MODEL_UNKNOWN_DTYPE: true;
  MODEL_TOO_LARGE: true;
  BACKEND_UNAVAILABLE: true;
  WEBGPU_UNAVAILABLE: true;
  ABORTED: true;
  PIPELINE_STEP_FAILED: true;
  UNKNOWN_METHOD: true;
  DATA_FILE_INVALID: true;
  MEMORY_BUDGET: true;
  UNSUPPORTED_MODEL: true;
  NO_GRADIENT: true;
  BACKEND_SWITCHED: true;
  OUTPUT_PATH_INVALID: true;
  OUTPUT_OVERWRITES_INPUT: true;
  OUTPUT_WRITE_FAILED: true;
  NON_FINITE_RESULT: true;
  PLUGIN_REFUSED: true;
}

/** A stable error code: a key of {@link GlassboxErrorCodes}. */
export type GlassboxErrorCode = keyof GlassboxErrorCodes & string;

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
