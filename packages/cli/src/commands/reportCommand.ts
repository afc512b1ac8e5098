import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataFileError, explanationFromJSON, explanationToJSON, InvalidOptionError, type Explanation } from '@glassbox/core';
import { renderReport } from '@glassbox/viz';
import type { Io } from '../io/Io';
import { imageShapeFor } from './renderOutput';

/** `glassbox report a.json b.json --out report.html`: one self-contained HTML page. */
export async function reportCommand(io: Io, files: string[], flags: Map<string, string>): Promise<number> {
  const out = flags.get('out');
  const title = flags.get('title');
  const shapeFlag = flags.get('image-shape');
  for (const f of ['out', 'title', 'image-shape']) flags.delete(f);
  if (flags.size) throw new InvalidOptionError(`Unknown flag --${[...flags.keys()][0]} for report; expected --out, --title and --image-shape`);
  if (!files.length || !out) throw new InvalidOptionError('Usage: glassbox report <result.json>... --out <report.html>');
  if (!out.toLowerCase().endsWith('.html')) throw new InvalidOptionError(`--out ${out}: a report is an .html file`);
  const explanations: Explanation[] = [];
  for (const f of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(resolve(io.cwd, f), 'utf8'));
    } catch (e) {
      throw new DataFileError(`Cannot read explanation ${f}: ${(e as Error).message}`, { file: f });
    }
    try {
      explanations.push(explanationFromJSON(json));
    } catch (e) {
      throw new DataFileError(`${f}: ${(e as Error).message}`, { file: f });
    }
  }
  await writeFile(resolve(io.cwd, out), renderReport(explanations, {
      title: title ?? 'Glassbox report',
      generatedAt: new Date().toISOString(),
      imageShape: imageShapeFor(explanations[0], shapeFlag),
      toJSON: explanationToJSON,
    }));
  io.err(`wrote ${out} (${explanations.length} explanation${explanations.length === 1 ? '' : 's'})`);
  return 0;
}
