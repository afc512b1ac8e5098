import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataFileError, InvalidOptionError, type Model } from '@glassbox/core';

const checkList = (list: unknown, where: string): string[] => {
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.trim() !== '')) {
    throw new InvalidOptionError(`--labels ${where}: expected a non-empty JSON array of non-empty strings, such as ["cat","dog"]`, { flag: 'labels' });
  }
  return list as string[];
};

/**
 * Class names from `--labels`: a JSON array of strings given inline (`'["cat","dog"]'`), or a file
 * holding one (`.json`) or one name per line (any other file; blank lines at the end are ignored).
 * There must be one name per model output; otherwise an `INVALID_OPTION` error says how many.
 *
 * @example
 * ```ts
 * await readLabels(process.cwd(), 'labels.txt', model); // ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']
 * ```
 */
export async function readLabels(cwd: string, flag: string, model: Model): Promise<string[]> {
  let names: string[];
  if (flag.trim().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(flag);
    } catch (e) {
      throw new InvalidOptionError(`--labels ${flag}: not valid JSON (${(e as Error).message}); expected an array of strings or a file`, { flag: 'labels' });
    }
    names = checkList(json, flag);
  } else {
    let text: string;
    try {
      text = await readFile(resolve(cwd, flag), 'utf8');
    } catch (e) {
      throw new DataFileError(`--labels ${flag}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a JSON array of names or a text file with one name per line`, { file: flag });
    }
    if (flag.toLowerCase().endsWith('.json') || text.trim().startsWith('[')) {
      try {
        names = checkList(JSON.parse(text), flag);
      } catch (e) {
        if (e instanceof InvalidOptionError) throw e;
        throw new DataFileError(`--labels ${flag}: not valid JSON (${(e as Error).message})`, { file: flag });
      }
    } else {
      names = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((s) => s.trim());
      while (names.length && names[names.length - 1] === '') names.pop();
      const blank = names.indexOf('');
      if (names.length === 0) throw new DataFileError(`--labels ${flag}: the file is empty; expected one class name per line`, { file: flag });
      if (blank >= 0) throw new DataFileError(`--labels ${flag}: line ${blank + 1} is blank; expected one class name per line`, { file: flag, row: blank + 1 });
    }
  }
  const outputs = model.outputShape.reduce((a, b) => a * Math.max(1, b), 1);
  if (model.outputShape.every((d) => d > 0) && names.length !== outputs) {
    throw new InvalidOptionError(`--labels: ${names.length} class names for a model with ${outputs} outputs; give one name per output`, { flag: 'labels', count: names.length, outputs });
  }
  return names;
}
