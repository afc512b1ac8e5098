import { open } from 'node:fs/promises';
import { DataFileError } from '@glassbox/core';
import type { ResultsHeader } from './ResultRecord';
import type { ExampleId } from './hashId';
import { ResultsError } from './ResultsError';

/** Where one result line lies in its file. */
export interface LineRef {
  id: ExampleId;
  file: string;
  offset: number;
  length: number;
}

/**
 * Scans a results file without holding it: its header and, per line, the id and byte range. A
 * file whose last line is half-written (a run killed mid-write) is refused: resume that run first.
 */
export async function scanResults(file: string, onLine: (ref: LineRef) => void): Promise<ResultsHeader | undefined> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new DataFileError(`Cannot read ${file}: ${(e as Error).message}`, { file });
  }
  let header: ResultsHeader | undefined;
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let pos = 0;
    let lineStart = 0;
    let lineNo = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      pos += bytesRead;
      let from = 0;
      for (let nl = data.indexOf(0x0a, from); nl >= 0; nl = data.indexOf(0x0a, from)) {
        lineNo++;
        const text = data.toString('utf8', from, nl);
        if (text.trim() !== '') {
          let rec: { id?: ExampleId; glassboxResults?: number };
          try {
            rec = JSON.parse(text);
          } catch {
            throw new DataFileError(`${file} line ${lineNo} is not valid JSON`, { file, line: lineNo });
          }
          if (rec.glassboxResults !== undefined) header = rec as ResultsHeader;
          else if (rec.id !== undefined) onLine({ id: rec.id, file, offset: lineStart, length: nl - from });
        }
        lineStart += nl - from + 1;
        from = nl + 1;
      }
      carry = Buffer.from(data.subarray(from));
    }
    if (carry.toString('utf8').trim() !== '') {
      throw new ResultsError('RESULTS_MISSING', `${file} ends with a half-written line (its run was interrupted); finish it with --resume first`, { file });
    }
  } finally {
    await fh.close();
  }
  return header;
}
