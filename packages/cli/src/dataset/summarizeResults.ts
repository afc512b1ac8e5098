import { DataFileError } from '@glassbox/core';
import { hashId } from './hashId';
import { readLines } from './readLines';
import type { ResultsHeader } from './ResultRecord';

/** Global views of a results file, computed in one streaming pass. */
export interface ResultsSummary {
  header: ResultsHeader;
  examples: number;
  /** Feature names (from the header, else `x0, x1, …`), one per attribution value. */
  features: string[];
  /** Mean |attribution| per value over all examples (global importance). */
  meanAbs: Float64Array;
  /** The same per explained class (target), for classes that occur. */
  perClass: { target: number; name: string; count: number; meanAbs: Float64Array }[];
  /** Up to `sampleSize` examples (a seeded reservoir by id), for the beeswarm: attributions and inputs. */
  sample: { attributions: Float32Array; input: Float32Array }[];
  /** `[height, width]` when the attributions are images (channels summed), else undefined. */
  imageShape?: [number, number];
}

const flat = (v: unknown, out: number[]): number[] => {
  if (Array.isArray(v)) for (const x of v) flat(x, out);
  else out.push(v as number);
  return out;
};

/**
 * Reads a results file line by line (memory flat in its length, apart from the bounded sample) and
 * accumulates mean |attribution| per feature, overall and per class, and a reservoir sample of
 * examples chosen by a hash of their ids (so the sample does not depend on line order).
 */
export async function summarizeResults(path: string, sampleSize = 1000): Promise<ResultsSummary> {
  let header: ResultsHeader | undefined;
  let sums: Float64Array | undefined;
  const classes = new Map<number, { count: number; sums: Float64Array }>();
  const reservoir: { key: number; attributions: Float32Array; input: Float32Array }[] = [];
  let examples = 0;
  for await (const { line, lineNo } of readLines(path)) {
    if (!line.trim()) continue;
    let rec: { glassboxResults?: number; id?: string | number; target?: number; attributions?: unknown; input?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      throw new DataFileError(`${path} line ${lineNo} is not valid JSON`, { file: path, line: lineNo });
    }
    if (rec.glassboxResults !== undefined) {
      header = rec as ResultsHeader;
      continue;
    }
    if (!header) throw new DataFileError(`${path} has no results header line; expected a file written by glassbox explain --out x.jsonl`, { file: path });
    const a = flat(rec.attributions, []);
    sums ??= new Float64Array(a.length);
    if (a.length !== sums.length) throw new DataFileError(`${path} line ${lineNo}: ${a.length} attributions; earlier lines have ${sums.length}`, { file: path, line: lineNo });
    let c = classes.get(rec.target ?? -1);
    if (!c) classes.set(rec.target ?? -1, (c = { count: 0, sums: new Float64Array(a.length) }));
    c.count++;
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]!);
      sums[i]! += v;
      c.sums[i]! += v;
    }
    examples++;
    const key = hashId(rec.id ?? examples, 0x5eed);
    if (reservoir.length < sampleSize || key < reservoir[reservoir.length - 1]!.key) {
      reservoir.push({ key, attributions: Float32Array.from(a), input: Float32Array.from(flat(rec.input ?? [], [])) });
      reservoir.sort((x, y) => x.key - y.key);
      if (reservoir.length > sampleSize) reservoir.pop();
    }
  }
  if (!header || !sums) throw new DataFileError(`${path} holds no results`, { file: path });
  const shape = header.attributionShape;
  const names = header.labels?.features?.length === sums.length ? header.labels.features : Array.from(sums, (_, i) => `x${i}`);
  const mean = (s: Float64Array, n: number) => s.map((v) => v / n);
  return {
    header,
    examples,
    features: names,
    meanAbs: mean(sums, examples),
    perClass: [...classes.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([t, c]) => ({ target: t, name: header!.labels?.classes?.[t] ?? String(t), count: c.count, meanAbs: mean(c.sums, c.count) })),
    sample: reservoir.map(({ attributions, input }) => ({ attributions, input })),
    ...(shape.length >= 2 ? { imageShape: [shape[0]!, shape[1]!] as [number, number] } : {}),
  };
}
