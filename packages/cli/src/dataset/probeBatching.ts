import type { Example } from './Example';
import { explainBatch } from './explainBatch';
import type { LoadedRun } from './loadRun';
import type { ResultsHeader } from './ResultRecord';

/**
 * The text of a result line's attributions: lines are written by `explainBatch` with `attributions`
 * followed by `convergenceDelta` or `timing`, so no parse is needed (a line of a 224×224 photo is
 * about 4 MB).
 */
const attributionsOf = (line: string) => {
  const from = line.indexOf(',"attributions":');
  const delta = line.indexOf(',"convergenceDelta":', from);
  return line.slice(from, delta >= 0 ? delta : line.lastIndexOf(',"timing":'));
};

/**
 * Decides whether examples may be explained in batches without changing any result. On the
 * dataset's first two examples it checks that (a) the first example's attributions are the same
 * under two different seeds (the method draws no random numbers for it) and (b) explaining the
 * two together gives, bit for bit, what explaining each alone gives. Both hold for deterministic
 * methods on a batch-invariant backend (tfjs cpu); a stochastic method (SmoothGrad, random
 * baselines, local surrogates) fails (a) and runs one example per call, each with its own seed.
 * Every worker, shard and queue job of a run uses the decision made here, on the same examples.
 */
export async function probeBatching(run: LoadedRun, first: readonly Example[]): Promise<{ batched: boolean; header: ResultsHeader }> {
  const [a, b] = first as [Example, Example | undefined];
  const alone = (ex: Example, seed: number) =>
    explainBatch({ ...run, spec: { ...run.spec, seed, batched: false } }, { ids: [ex.id], values: ex.values, targets: [ex.target ?? null] });
  const a1 = await alone(a, run.spec.seed);
  const header = a1.header;
  if (!b) return { batched: false, header };
  const a2 = await alone(a, run.spec.seed + 1);
  const b1 = await alone(b, run.spec.seed);
  if (attributionsOf(a1.lines[0]!) !== attributionsOf(a2.lines[0]!)) return { batched: false, header };
  const values = new Float32Array(a.values.length * 2);
  values.set(a.values);
  values.set(b.values, a.values.length);
  const both = await explainBatch({ ...run, spec: { ...run.spec, batched: true } }, { ids: [a.id, b.id], values, targets: [a.target ?? null, b.target ?? null] });
  const same = both.lines.length === 2 && attributionsOf(both.lines[0]!) === attributionsOf(a1.lines[0]!) && attributionsOf(both.lines[1]!) === attributionsOf(b1.lines[0]!);
  return { batched: same, header };
}
