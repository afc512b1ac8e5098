/**
 * Errors shaped like `@glassbox/core`'s GlassboxError (`code`, `details`, `name`), so its
 * `isGlassboxError` recognises them, without a run-time dependency on core.
 */
export type VizErrorCode = 'INVALID_INPUT' | 'INVALID_OPTION';

export interface VizError extends Error {
  code: VizErrorCode;
  details: Record<string, unknown>;
}

function make(name: string, code: VizErrorCode, message: string, details: Record<string, unknown>): VizError {
  const e = new Error(message) as VizError;
  e.name = name;
  e.code = code;
  e.details = details;
  return e;
}

/** Bad data (wrong shape, wrong kind of explanation). Code `INVALID_INPUT`. */
export function invalidInput(message: string, details: Record<string, unknown> = {}): VizError {
  return make('InvalidInputError', 'INVALID_INPUT', message, details);
}

/** Bad option (unknown format, out of range). Code `INVALID_OPTION`. */
export function invalidOption(message: string, details: Record<string, unknown> = {}): VizError {
  return make('InvalidOptionError', 'INVALID_OPTION', message, details);
}
