import { GlassboxError } from './GlassboxError';

/** A data file (CSV, inputs JSON) is malformed. `details.row` / `details.column` locate the cell (1-based rows, header = row 1). Code: `DATA_FILE_INVALID`. */
export class DataFileError extends GlassboxError {
  constructor(message: string, details: { file?: string | undefined; row?: number | undefined; column?: string | number | undefined } & Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('DATA_FILE_INVALID', message, details, options);
  }
}
