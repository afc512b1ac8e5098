/** The id of an example in a dataset: the `id` of its JSONL record, a CSV id column, or its 0-based index. */
export type ExampleId = string | number;

/**
 * A stable 32-bit FNV-1a hash of an example id (`7` and `"7"` hash alike). Used to derive each
 * example's seed and its shard, so both depend on the id alone: not on the worker, the batch,
 * the shard count or the order of the file.
 */
export function hashId(id: ExampleId, salt = 0): number {
  const s = String(id);
  let h = (2166136261 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * The seed an example is explained with: derived from the run's `--seed` and the example's id,
 * so that a stochastic method gives the same answer for an example whichever worker, shard,
 * queue job or resumed run computes it.
 *
 * @example
 * ```ts
 * exampleSeed(0, 'loan-17'); // same number on every machine
 * ```
 */
export function exampleSeed(runSeed: number, id: ExampleId): number {
  return hashId(id, Math.imul(runSeed >>> 0, 2654435761) >>> 0);
}
