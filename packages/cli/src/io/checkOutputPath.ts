import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InvalidOptionError, OutputFileError } from '@glassbox/core';

/** An output path checked before any work: where to write, and in which format. */
export interface OutputTarget {
  /** Absolute path. */
  path: string;
  /** As the user wrote it, for messages. */
  display: string;
  /** Lower-case extension with its dot (`.json`). */
  ext: string;
}

async function identity(path: string): Promise<{ real: string; dev: number; ino: number } | undefined> {
  try {
    const s = await stat(path);
    return { real: await realpath(path), dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

/**
 * Checks `--out` before computing: a known extension, an existing writable folder, not a folder
 * itself, not a read-only file, and none of `inputs` (compared by real path and by inode, so
 * symlinks, `..` and hard links are seen through). Typed errors: `INVALID_OPTION` for the
 * extension, `OUTPUT_PATH_INVALID`, `OUTPUT_OVERWRITES_INPUT`.
 *
 * @example
 * ```ts
 * const target = await checkOutputPath(io.cwd, '--out', 'result.json', ['.json', '.npy'], [modelPath, inputsPath]);
 * ```
 */
export async function checkOutputPath(cwd: string, flag: string, out: string, formats: readonly string[], inputs: readonly string[]): Promise<OutputTarget> {
  const ext = extname(out).toLowerCase();
  if (!formats.includes(ext)) {
    throw new InvalidOptionError(`${flag} ${out}: expected a ${formats.slice(0, -1).join(', ')}${formats.length > 1 ? ' or ' : ''}${formats.at(-1)} file`, { flag, received: out, formats });
  }
  const path = resolve(cwd, out);
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat) throw new OutputFileError('OUTPUT_PATH_INVALID', `${flag} ${out}: the folder ${folder} does not exist; create it first`, { file: out, folder });
  if (!folderStat.isDirectory()) throw new OutputFileError('OUTPUT_PATH_INVALID', `${flag} ${out}: ${folder} is not a folder`, { file: out, folder });
  try {
    await access(folder, constants.W_OK | constants.X_OK);
  } catch {
    throw new OutputFileError('OUTPUT_PATH_INVALID', `${flag} ${out}: no permission to write in ${folder}`, { file: out, folder });
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputFileError('OUTPUT_PATH_INVALID', `${flag} ${out} is a folder; expected a file name such as ${join(out, `result${ext || '.json'}`)}`, { file: out });
  if (existing) {
    try {
      await access(path, constants.W_OK);
    } catch {
      throw new OutputFileError('OUTPUT_PATH_INVALID', `${flag} ${out} exists and is read-only; it is left as it is`, { file: out });
    }
    const me = await identity(path);
    for (const input of inputs) {
      const other = await identity(resolve(cwd, input));
      if (me && other && (me.real === other.real || (me.dev === other.dev && me.ino === other.ino))) {
        throw new OutputFileError('OUTPUT_OVERWRITES_INPUT', `${flag} ${out} is the input file ${input}; it would be destroyed. Choose another output name`, { file: out, input });
      }
    }
  }
  return { path: join(await realpath(folder), basename(path)), display: out, ext };
}
