import { InvalidOptionError } from '../errors/InvalidOptionError';

/** The largest seed: the random generator's state is 32 bits, so larger seeds would wrap. */
export const MAX_SEED = 0xffffffff;

/**
 * Checks a seed before use: an integer in [0, {@link MAX_SEED}]. Anything else (fractions, negative
 * numbers, 2^32 and above, which `createRandom` would wrap onto another seed) is refused, so that
 * the seed an explanation records is the one that produced it.
 *
 * @example
 * ```ts
 * checkSeed(7);        // 7
 * checkSeed(2 ** 32);  // throws InvalidOptionError (INVALID_OPTION)
 * ```
 */
export function checkSeed(seed: unknown, what = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InvalidOptionError(`${what} ${String(seed)}: expected an integer in [0, ${MAX_SEED}] (the random generator keeps 32 bits; larger seeds would wrap onto others)`, {
      option: what,
      received: typeof seed === 'number' ? seed : String(seed),
      min: 0,
      max: MAX_SEED,
    });
  }
  return seed;
}
