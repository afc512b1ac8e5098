import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { surrogateTree, type SurrogateTreeOptions } from '@glassbox/surrogate-tree';
import { formatPercent as pct } from './formatPercent';
import { loadLabelledTable } from './loadLabelledTable';
import type { TabularExample } from './TabularExample';

const DEPTHS = [3, 5, 8];
const SEEDS = Array.from({ length: 10 }, (_, i) => i);
const VARIANTS: { name: string; options: Partial<SurrogateTreeOptions> }[] = [
  { name: 'defaults (minSamplesLeaf 5)', options: {} },
  { name: 'minSamplesLeaf 1', options: { minSamplesLeaf: 1 } },
  { name: 'augment 10 (perturbed copies)', options: { augment: 10 } },
];

/** What the sweep reads and where it writes. */
export interface FidelityByDepthOptions {
  /** The example's name, recorded in the results. */
  name: string;
  example: TabularExample;
  /** What the rows are, in the log ("applicants", "patients"). */
  rowsName: string;
  /** Where fidelity-by-depth.json is written. */
  resultsDir: string;
}

/**
 * Held-out fidelity of the global surrogate at depths 3, 5 and 8, over 10 seeds (held-out splits),
 * with the default options, with leaves down to one row, and with perturbed copies of the rows.
 * Logs a table and writes `resultsDir/fidelity-by-depth.json`.
 */
export async function fidelityByDepth(options: FidelityByDepthOptions): Promise<void> {
  const { name, example, rowsName, resultsDir } = options;
  await useBackend('cpu');
  const model = await loadModel(example.modelJson);
  const { table } = await loadLabelledTable(example);
  const results = [];
  console.log(`Surrogate fidelity: held-out accuracy against the model; ${table.shape[0]} ${rowsName}, 25% held out, ${SEEDS.length} seeds.`);
  console.log('variant                        | depth | seed 0 | mean ± sd     | train  | leaves | majority');
  for (const variant of VARIANTS) {
    for (const maxDepth of DEPTHS) {
      const runs: { seed: number; fidelity: number; trainFidelity: number; majority: number; leaves: number; depth: number }[] = [];
      for (const seed of SEEDS) {
        const d = (await surrogateTree({ ...variant.options, maxDepth }).explain(model, table, { seed })).data!;
        runs.push({ seed, fidelity: d.fidelity, trainFidelity: d.trainFidelity, majority: d.majorityFidelity!, leaves: d.leaves, depth: d.depth });
      }
      const mean = (k: 'fidelity' | 'trainFidelity' | 'majority' | 'leaves') => runs.reduce((a, r) => a + r[k], 0) / runs.length;
      const sd = Math.sqrt(runs.reduce((a, r) => a + (r.fidelity - mean('fidelity')) ** 2, 0) / (runs.length - 1));
      const row = { variant: variant.name, options: variant.options, maxDepth, seed0: runs[0]!.fidelity, meanFidelity: mean('fidelity'), sdFidelity: sd, meanTrainFidelity: mean('trainFidelity'), meanLeaves: mean('leaves'), meanMajority: mean('majority'), runs };
      results.push(row);
      console.log(
        `${variant.name.padEnd(30)} | ${String(maxDepth).padStart(5)} | ${pct(row.seed0).padStart(6)} | ${pct(row.meanFidelity)} ± ${pct(sd).padStart(4)} | ${pct(row.meanTrainFidelity).padStart(6)} | ${row.meanLeaves.toFixed(1).padStart(6)} | ${pct(row.meanMajority)}`,
      );
    }
  }
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'fidelity-by-depth.json'), JSON.stringify({ example: name, rows: table.shape[0], heldOut: 0.25, seeds: SEEDS, results }, null, 2) + '\n');
  console.log(`wrote ${join(resultsDir, 'fidelity-by-depth.json')}`);
  model.dispose?.();
}
