import { InvalidOptionError } from '@glassbox/core';

/** Largest budget accepted: 1 TiB, far above any machine this runs on, so typos are caught. */
const MAX_MB = 1024 * 1024;

/**
 * Parses `--memory-budget-mb`: a positive number of mebibytes (fractions allowed, e.g. 0.5) up to
 * 1 TiB, returned in bytes; `undefined` when the flag is absent (core then sizes the budget from
 * the memory actually free). Anything else is an `INVALID_OPTION` error saying what was expected.
 *
 * @example
 * ```ts
 * parseMemoryBudget('512'); // 536870912
 * ```
 */
export function parseMemoryBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (value.trim() === '' || !/^[0-9.e+]+$/i.test(value.trim()) || !Number.isFinite(mb) || mb <= 0 || mb > MAX_MB) {
    throw new InvalidOptionError(`--memory-budget-mb ${JSON.stringify(value)}: expected a positive number of mebibytes, at most ${MAX_MB}`, {
      flag: 'memory-budget-mb',
      received: value,
    });
  }
  return Math.max(1, Math.floor(mb * 1024 * 1024));
}
