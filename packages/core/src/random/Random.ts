/**
 * A seeded source of random numbers. Every stochastic method (noise, baselines, perturbations)
 * draws from the `random` in its context, so results repeat exactly under the same seed.
 *
 * @example
 * ```ts
 * const rng = createRandom(42);
 * rng.normal(); // same value on every run and platform
 * ```
 */
export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Fills `out` with normal samples of the given mean and standard deviation. */
  fillNormal(out: Float32Array, mean?: number, std?: number): Float32Array;
  /** Fills `out` with uniform samples in [lo, hi). */
  fillUniform(out: Float32Array, lo?: number, hi?: number): Float32Array;
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string): Random;
}
