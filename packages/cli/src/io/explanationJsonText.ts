import { InvalidOptionError, type Explanation } from '@glassbox/core';
import { writeExplanationJson } from './writeExplanationJson';

/**
 * The explanation's JSON as one string, for stdout. One V8 string holds at most 2^29 − 24
 * characters: a larger result is an `INVALID_OPTION` error that asks for `--out` (streamed to a
 * file, any size) instead of an internal "Invalid string length".
 */
export async function explanationJsonText(e: Explanation, extra: Record<string, unknown>): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  const limit = 2 ** 29 - 24;
  await writeExplanationJson(async (c) => {
    const s = typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    length += s.length;
    if (length > limit) throw new InvalidOptionError(`The result is over ${limit} characters of JSON, more than one string can hold (the limit on printing to stdout); write it to a file with --out result.json or --out result.npy`, { limit });
    parts.push(s);
  }, e, extra);
  return parts.join('');
}
