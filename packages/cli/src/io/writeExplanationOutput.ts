import { type Explanation } from '@glassbox/core';
import type { OutputTarget } from './checkOutputPath';
import { writeAtomic } from './writeAtomic';
import { writeExplanationJson } from './writeExplanationJson';
import { writeNpy } from './npy';
import { renderOutput } from '../commands/renderOutput';

/**
 * Output formats of `explain --out`: JSON, NumPy, and every format of viz's kind × format render
 * table (`renderFormats()`, checked by a test: viz is loaded only when a picture is drawn).
 */
export const EXPLAIN_FORMATS: readonly string[] = ['.json', '.npy', '.png', '.svg', '.html'];

/**
 * Writes an explanation to a checked output, atomically: `.json` streamed (any size), `.npy` the
 * attributions as float32 in their shape, pictures rendered by viz.
 *
 * @example
 * ```ts
 * await writeExplanationOutput(target, explanation, { fidelity: 0.9 }, { example: 0 });
 * ```
 */
export async function writeExplanationOutput(
  target: OutputTarget,
  e: Explanation,
  extra: Record<string, unknown>,
  picture: Parameters<typeof renderOutput>[2],
): Promise<void> {
  if (target.ext === '.json') return writeAtomic(target.path, (write) => writeExplanationJson(write, e, extra), target.display);
  if (target.ext === '.npy') return writeAtomic(target.path, (write) => writeNpy(write, e.attributions, e.attributionShape), target.display);
  const data = await renderOutput(e, target.ext, picture);
  return writeAtomic(target.path, (write) => write(data), target.display);
}
