import { GlassboxError } from './GlassboxError';

/** The three ways an output file can fail. */
export type OutputFileErrorCode = 'OUTPUT_PATH_INVALID' | 'OUTPUT_OVERWRITES_INPUT' | 'OUTPUT_WRITE_FAILED';

/**
 * An output file cannot be written: its folder is missing or not writable, it is a folder, it would
 * overwrite one of the inputs (`OUTPUT_OVERWRITES_INPUT`), or the write itself failed (a full disk:
 * `OUTPUT_WRITE_FAILED`, and the previous file is left as it was). `details.file` names it.
 *
 * @example
 * ```ts
 * throw new OutputFileError('OUTPUT_OVERWRITES_INPUT', '--out model.json is the model file', { file: 'model.json' });
 * ```
 */
export class OutputFileError extends GlassboxError {
  constructor(code: OutputFileErrorCode, message: string, details: { file: string } & Record<string, unknown>, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}
