import { closeSync, fstatSync, openSync, readSync, ftruncateSync, writeSync } from 'node:fs';
import { DataFileError, InvalidOptionError } from '@glassbox/core';
import { readLines } from './readLines';
import { runKey, type ResultsHeader } from './ResultRecord';

/** Characters per write of `append`: a few lines of a 224×224 image model (about 4 MB each). */
const WRITE_CHARS = 8 * 1024 * 1024;

/** A results file open for appending, and what it already holds. */
export interface ResultsFile {
  /** JSON keys (`JSON.stringify(id)`) of the examples already complete. */
  done: Set<string>;
  /** The header line, if the file has one. */
  header: ResultsHeader | undefined;
  /** Bytes of a half-written last line that were cut off (0 when the file ended cleanly). */
  truncatedBytes: number;
  /**
   * Appends complete lines, in writes of at most about 8 MB (a crash leaves complete lines and at
   * most one partial line, cut on resume; a batch of large lines never needs one buffer as large
   * as all of them).
   */
  append(lines: readonly string[]): void;
  close(): void;
}

/** Cuts a trailing partial line (no final newline): returns how many bytes were cut. */
function cutPartialLine(fd: number): number {
  const size = fstatSync(fd).size;
  const buf = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const n = Math.min(buf.length, end);
    readSync(fd, buf, 0, n, end - n);
    const nl = buf.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) {
      end = end - n + nl + 1;
      break;
    }
    end -= n;
  }
  if (end < size) ftruncateSync(fd, end);
  return size - end;
}

/**
 * Opens `--out results.jsonl`. Without `resume` an existing non-empty file is refused (nothing is
 * overwritten). With `resume`, a half-written last line (a run killed mid-write) is cut off and
 * the ids of the complete lines are returned, so that they are not explained again; a file made
 * by a different run (method, options, seed or model) is refused.
 */
export async function openResults(path: string, options: { resume: boolean }): Promise<ResultsFile> {
  let fd: number;
  try {
    fd = openSync(path, 'a+');
  } catch (e) {
    throw new DataFileError(`Cannot open ${path} for writing: ${(e as Error).message}`, { file: path });
  }
  const done = new Set<string>();
  let header: ResultsHeader | undefined;
  let truncatedBytes = 0;
  try {
    if (fstatSync(fd).size > 0) {
      if (!options.resume) throw new InvalidOptionError(`${path} already exists and is not empty; pass --resume to continue it, or choose another --out`, { file: path });
      truncatedBytes = cutPartialLine(fd);
      for await (const { line, lineNo } of readLines(path)) {
        let rec: { id?: unknown; glassboxResults?: unknown };
        try {
          rec = JSON.parse(line);
        } catch {
          throw new DataFileError(`${path} line ${lineNo} is not valid JSON; the results file is damaged in the middle, not only at its end`, { file: path, line: lineNo });
        }
        if (rec.glassboxResults !== undefined) header = rec as ResultsHeader;
        else if (rec.id !== undefined) done.add(JSON.stringify(rec.id));
      }
    }
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return {
    done,
    header,
    truncatedBytes,
    append(lines) {
      for (let i = 0; i < lines.length; ) {
        let j = i, chars = 0;
        while (j < lines.length && (j === i || chars + lines[j]!.length <= WRITE_CHARS)) chars += lines[j++]!.length + 1;
        const buf = Buffer.from(lines.slice(i, j).join('\n') + '\n', 'utf8');
        for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
        i = j;
      }
    },
    close: () => closeSync(fd),
  };
}

/** Refuses to continue a results file made by another run. */
export function checkSameRun(path: string, existing: ResultsHeader | undefined, mine: ResultsHeader): void {
  if (existing && (runKey(existing) !== runKey(mine) || JSON.stringify(existing.shard ?? null) !== JSON.stringify(mine.shard ?? null))) {
    throw new InvalidOptionError(
      `${path} was made by another run (method ${existing.method}, seed ${existing.seed}, options ${JSON.stringify(existing.options)}); resume only with the same method, options, seed, target, model and shard`,
      { file: path },
    );
  }
}
