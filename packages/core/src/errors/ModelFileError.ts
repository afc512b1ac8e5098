import { GlassboxError, type GlassboxErrorCode } from './GlassboxError';

/** Codes a model file can fail with, each raised before any weight is allocated. */
export type ModelFileErrorCode = Extract<
  GlassboxErrorCode,
  | 'MODEL_FILE_INVALID'
  | 'MODEL_WEIGHT_PATH_ESCAPE'
  | 'MODEL_WEIGHTS_MISSING'
  | 'MODEL_WEIGHTS_SIZE_MISMATCH'
  | 'MODEL_UNKNOWN_DTYPE'
  | 'MODEL_TOO_LARGE'
>;

/** A model file (model.json or a weight shard) is malformed, hostile, or inconsistent. */
export class ModelFileError extends GlassboxError {
  constructor(code: ModelFileErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}
