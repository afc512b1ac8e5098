import { DataFileError } from '../errors/DataFileError';

/**
 * A numeric CSV table: the header's feature columns and the cells as float32, row-major.
 * It is also a valid explain() input (`{ values, shape }`) and a `Matrix` for `fitTree`.
 */
export interface CsvTable {
  /** Feature column names, in file order (without the label column). */
  header: string[];
  /** Row-major cells, `shape[0] × shape[1]`. */
  values: Float32Array;
  /** `[rows, features]`. */
  shape: [number, number];
  /** File line (1-based, header = 1) of each data row, for messages about a row. */
  lines: number[];
  /** The label column's raw cells, when `labelColumn` was given. */
  labels?: string[];
  /** The label column's name, when `labelColumn` was given. */
  labelName?: string;
}

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** File name for messages and error details. */
  file?: string | undefined;
  /** A column (name or 0-based index) read as text labels rather than as a feature. */
  labelColumn?: string | number | undefined;
  /** Cell separator (default `,`). */
  delimiter?: string | undefined;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'nan', 'n/a', 'null', 'none', '?', '-']);

/** Splits CSV text into records of cells (RFC 4180 quoting), each with its first line number. */
function records(text: string, delimiter: string, file: string | undefined): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]?.trim() === '')) out.push({ cells, line: recordLine });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) throw new DataFileError(`${file ?? 'CSV'}: a quoted cell opened on line ${recordLine} is never closed`, { file, row: recordLine });
  if (cell !== '' || cells.length > 0) endRecord();
  return out;
}

/**
 * Parses a CSV with a header row into a numeric {@link CsvTable}. Every cell must be a finite
 * decimal number (quoted or not); one column may be kept as text labels (`labelColumn`). Blank
 * lines are skipped. Throws core's `DataFileError` (code `DATA_FILE_INVALID`) with the 1-based
 * `row` (file line, header = 1) and the `column` name for: an empty file, a header without data
 * rows, empty or duplicate column names, a missing value (`''`, `NA`, `NaN`, `?` …), a
 * non-numeric cell, a ragged row, or an unclosed quote.
 *
 * @example
 * ```ts
 * const table = parseCsv('age,income,label\n31,52000,good\n', { labelColumn: 'label' });
 * table.header;  // ['age', 'income']
 * table.shape;   // [1, 2]
 * table.labels;  // ['good']
 * await surrogateTree().explain(model, table); // a CsvTable is an explain() input
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const { file, delimiter = ',' } = options;
  const where = file ?? 'CSV';
  const recs = records(text, delimiter, file);
  const [head, ...body] = recs;
  if (head === undefined) throw new DataFileError(`${where} is empty; expected a header row of column names, then one row per example`, { file, row: 1 });
  const names = head.cells.map((c) => c.trim());
  names.forEach((name, j) => {
    if (name === '') throw new DataFileError(`${where}: header column ${j + 1} has no name`, { file, row: head.line, column: j + 1 });
    const first = names.indexOf(name);
    if (first !== j) throw new DataFileError(`${where}: column name "${name}" appears twice in the header (columns ${first + 1} and ${j + 1})`, { file, row: head.line, column: name });
  });
  let labelIndex = -1;
  if (options.labelColumn !== undefined) {
    labelIndex = typeof options.labelColumn === 'number' ? options.labelColumn : names.indexOf(options.labelColumn);
    if (labelIndex < 0 || labelIndex >= names.length || !Number.isInteger(labelIndex)) {
      throw new DataFileError(`${where} has no label column ${JSON.stringify(options.labelColumn)}; columns are: ${names.join(', ')}`, {
        file,
        row: head.line,
        column: String(options.labelColumn),
      });
    }
  }
  const rows = body.length;
  if (rows === 0) throw new DataFileError(`${where} has a header but no data rows`, { file, row: head.line + 1 });
  const cols = names.length - (labelIndex >= 0 ? 1 : 0);
  const values = new Float32Array(rows * cols);
  const labels: string[] = [];
  const lines: number[] = [];
  for (const [r, { cells, line }] of body.entries()) {
    if (cells.length !== names.length) {
      const short = cells.length < names.length;
      throw new DataFileError(
        `${where}, row ${line}: ${cells.length} cells; the header has ${names.length} columns (${short ? `"${names[cells.length]}" and after are missing` : 'extra cells at the end'})`,
        { file, row: line, column: short ? names[cells.length] : cells.length, expected: names.length, received: cells.length },
      );
    }
    lines.push(line);
    let k = 0;
    for (const [j, raw] of cells.entries()) {
      const cell = raw.trim();
      if (j === labelIndex) {
        labels.push(cell);
        continue;
      }
      if (MISSING.has(cell.toLowerCase())) {
        throw new DataFileError(`${where}, row ${line}, column "${names[j]}": missing value${cell ? ` "${cell}"` : ''}; expected a number`, {
          file,
          row: line,
          column: names[j],
          reason: 'missing',
        });
      }
      const v = NUMBER.test(cell) ? Number(cell) : NaN;
      if (!Number.isFinite(v) || !Number.isFinite(Math.fround(v))) {
        const hint = r === 0 && labelIndex < 0 ? ` (if "${names[j]}" holds labels, read it as the label column)` : '';
        throw new DataFileError(`${where}, row ${line}, column "${names[j]}": "${cell}" is not a number; expected a finite decimal such as 12.5 or -3e-2${hint}`, {
          file,
          row: line,
          column: names[j],
          reason: 'non-numeric',
          received: cell,
        });
      }
      values[r * cols + k++] = v;
    }
  }
  const header = names.filter((_, j) => j !== labelIndex);
  return { header, values, shape: [rows, cols], lines, ...(labelIndex >= 0 ? { labels, labelName: names[labelIndex] } : {}) };
}
