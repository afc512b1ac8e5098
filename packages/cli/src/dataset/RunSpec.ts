/**
 * Everything a worker (a thread, a shard, a queue worker on another machine) needs to explain its
 * share of a dataset the same way as every other worker. Plain JSON.
 */
export interface RunSpec {
  /** Absolute path of model.json (queue workers must see the same file: shared volume or image). */
  model: string;
  method: string;
  /** Method options as given on the command line (`--steps 32` → `{ steps: '32' }`). */
  options: Record<string, string>;
  /** The run's seed; each example gets `exampleSeed(seed, id)`. */
  seed: number;
  /** `--target`: the output index for examples whose record names none (else the predicted class). */
  target?: number;
  backend?: string;
  fallback?: string;
  memoryBudgetBytes?: number;
  /** Where plugins are discovered from. */
  cwd: string;
  /**
   * True when examples may be explained together in one call: the method's result for an example
   * was found not to depend on the seed nor on the batch (see `probeBatching`). False: each
   * example is explained alone with its own seed.
   */
  batched?: boolean;
}
