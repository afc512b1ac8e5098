import type { ExampleId } from './hashId';

/**
 * One line of a results file: the explanation of one example. `input`, `outputs` and
 * `attributions` are nested in the per-example shapes; numbers are float32, printed shortest.
 */
export interface ResultRecord {
  id: ExampleId;
  /** The output index explained. */
  target: number;
  /** The seed the example was explained with (`exampleSeed(run seed, id)`). */
  seed: number;
  input: unknown;
  outputs: unknown;
  attributions: unknown;
  /** sum(attributions) − (f(x) − f(baseline)), for methods that claim completeness. */
  convergenceDelta?: number;
  /** Milliseconds of compute spent on this example (its share of its batch). */
  timing: { ms: number };
}

/**
 * The first line of a results file: what produced the lines below it. A resumed run, a shard and
 * a merge check that theirs agree (`runKey`).
 */
export interface ResultsHeader {
  glassboxResults: 1;
  method: string;
  kind: string;
  explainer: { name: string; version: string; package?: string | undefined };
  options: Record<string, unknown>;
  seed: number;
  target?: number;
  model: { name: string; inputShape: number[]; outputShape: number[] };
  /** Per-example attribution shape. */
  attributionShape: number[];
  labels?: { features?: string[]; classes?: string[] };
  backend: string;
  /** The share this file holds (`--shard k/n`), absent for a whole run. */
  shard?: { index: number; count: number };
}

/** The fields of a header that must agree between files of one run (not the backend). */
export function runKey(h: ResultsHeader): string {
  return JSON.stringify([h.method, h.explainer.version, h.options, h.seed, h.target ?? null, h.model, h.attributionShape]);
}
