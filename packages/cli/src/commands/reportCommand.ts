import { resolve } from 'node:path';
import { explanationToJSON, InvalidOptionError, type Explanation } from '@glassbox/core';
import { renderReport } from '@glassbox/viz';
import type { Io } from '../io/Io';
import { takeValue, finishFlags } from '../args/flagValues';
import { checkOutputPath } from '../io/checkOutputPath';
import { writeAtomic } from '../io/writeAtomic';
import { imageShapeFor } from './renderOutput';
import { readExplanationFile } from './evaluateCommand';
import { withoutUndefined } from '../withoutUndefined';

/** `glassbox report a.json b.json --out report.html`: one self-contained HTML page. */
export async function reportCommand(io: Io, files: string[], flags: Map<string, string>): Promise<number> {
  const out = takeValue(flags, 'out', 'an .html file');
  const title = takeValue(flags, 'title', 'a title');
  const shapeFlag = takeValue(flags, 'image-shape', 'a shape such as 28,28');
  finishFlags(flags, [], 'report', '--out, --title and --image-shape');
  if (!files.length || !out) throw new InvalidOptionError('Usage: glassbox report <result.json>... --out <report.html>');
  const target = await checkOutputPath(io.cwd, '--out', out, ['.html'], files.map((f) => resolve(io.cwd, f)));
  const explanations: Explanation[] = [];
  for (const f of files) explanations.push(await readExplanationFile(resolve(io.cwd, f), f));
  const html = renderReport(
    explanations,
    withoutUndefined({
      title: title ?? 'Glassbox report',
      generatedAt: new Date().toISOString(),
      imageShape: imageShapeFor(explanations[0]!, shapeFlag), // at least one file, checked above
      toJSON: explanationToJSON,
    }),
  );
  await writeAtomic(target.path, (write) => write(html), target.display);
  io.err(`wrote ${out} (${explanations.length} explanation${explanations.length === 1 ? '' : 's'})`);
  return 0;
}
