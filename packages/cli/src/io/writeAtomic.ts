import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isGlassboxError, OutputFileError } from '@glassbox/core';

/** Writes pieces to a stream, waiting for drain, so that memory stays flat whatever the size. */
export type ChunkSink = (chunk: string | Uint8Array) => Promise<void>;

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder (same file
 * system), which is renamed over `path` only once complete. A failure (full disk, permission)
 * removes the temporary file, leaves any previous `path` as it was, and throws
 * `OutputFileError` `OUTPUT_WRITE_FAILED`.
 *
 * @example
 * ```ts
 * await writeAtomic('/tmp/out.json', async (write) => { await write('{"a":'); await write('1}'); });
 * ```
 */
export async function writeAtomic(path: string, produce: (write: ChunkSink) => Promise<void>, display = path): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o666 });
  let failure: Error | undefined;
  stream.on('error', (e) => (failure ??= e));
  const opened = new Promise<void>((ok, fail) => {
    stream.once('open', () => ok());
    stream.once('error', fail);
  });
  try {
    await opened;
    await produce(async (chunk) => {
      if (failure) throw failure;
      if (!stream.write(chunk)) {
        await new Promise<void>((ok, fail) => {
          const onError = (e: Error) => fail(e);
          stream.once('error', onError);
          stream.once('drain', () => {
            stream.off('error', onError);
            ok();
          });
        });
      }
    });
    await new Promise<void>((ok, fail) => {
      if (failure) return fail(failure);
      stream.once('error', fail);
      stream.end(() => (failure ? fail(failure) : ok()));
    });
    await rename(temp, path);
  } catch (e) {
    stream.destroy();
    await unlink(temp).catch(() => undefined);
    if (isGlassboxError(e)) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new OutputFileError('OUTPUT_WRITE_FAILED', `Could not write ${display}: ${err.code ? `${err.code} ` : ''}${err.message}; nothing was changed there`, { file: display, reason: err.code ?? err.message }, { cause: e });
  }
}
