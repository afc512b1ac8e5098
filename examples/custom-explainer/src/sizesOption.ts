import type { OptionSpec } from '@glassbox/core';

/**
 * A list of positive integers, one per input dimension (channels last, no batch dimension), or
 * one number for every dimension. Accepts what code passes (`[4, 4, 1]`, `4`) and what the CLI
 * passes (`'4,4,1'`, `'4x4x1'`, `'4'`).
 */
export type Sizes = number[];

/**
 * Parses a {@link Sizes} value; throws a message that says what was expected. Exported for tests
 * and for applications that read the same syntax from their own config files.
 *
 * @example
 * ```ts
 * parseSizes('4,4,1'); // [4, 4, 1]
 * parseSizes(2);       // [2]  (applies to every dimension)
 * ```
 */
export function parseSizes(value: unknown): Sizes {
  let parts: unknown[];
  if (typeof value === 'number') parts = [value];
  else if (Array.isArray(value)) parts = value;
  else if (typeof value === 'string' && value.trim() !== '') parts = value.trim().split(/\s*[,x×\s]\s*/);
  else throw new Error('expected positive integers such as 4,4,1');
  if (parts.length === 0) throw new Error('expected at least one size');
  return parts.map((p) => {
    const n = typeof p === 'string' && p.trim() !== '' ? Number(p) : p;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Error(`${JSON.stringify(p)} is not a positive integer`);
    return n;
  });
}

/** A custom option spec for sizes, so that the CLI can pass `--window 4,4,1`. */
export function sizesOption(defaultValue: Sizes, description: string): OptionSpec<Sizes> {
  return {
    type: 'custom',
    default: defaultValue,
    description,
    syntax: '<n> | <n>,<n>,… (one per input dimension, channels last)',
    parse: parseSizes,
  };
}

/** Expands sizes to the input's rank: one number applies to every dimension. Null when the ranks differ. */
export function expandSizes(sizes: Sizes, rank: number): number[] | null {
  if (sizes.length === rank) return [...sizes];
  if (sizes.length === 1) return Array.from({ length: rank }, () => sizes[0]!);
  return null;
}
