import { createReadStream } from 'node:fs';

/** Counts the non-empty lines of a file by scanning bytes (no parsing); for the progress ETA. */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  let inLine = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 0x0a) {
        if (inLine) count++;
        inLine = false;
      } else if (c !== 0x0d && c !== 0x20) inLine = true;
    }
  }
  return count + (inLine ? 1 : 0);
}
