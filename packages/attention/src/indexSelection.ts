import { InvalidOptionError, type OptionSpec } from '@glassbox/core';

/** Which layers or heads to use: `'all'` or a list of indices (negative ones count from the end: −1 is the last). */
export type IndexSelection = 'all' | number[];

/** Parses `all`, a number, a list of numbers, or a comma-separated string such as `"0,2,-1"`. */
export function parseIndexSelection(value: unknown): IndexSelection {
  if (value === 'all') return 'all';
  let list: unknown[];
  if (typeof value === 'number') list = [value];
  else if (Array.isArray(value)) list = value;
  else if (typeof value === 'string' && value.trim() !== '') list = value.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  else throw new Error('not a selection');
  if (list.length === 0) throw new Error('the list is empty');
  for (const v of list) if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${JSON.stringify(v)} is not an integer`);
  return list as number[];
}

/** An option spec for a layer or head selection. */
export function indexSelectionSpec(what: 'layers' | 'heads', defaultValue: IndexSelection): OptionSpec<IndexSelection> {
  return {
    type: 'custom',
    default: defaultValue,
    syntax: `all | <index> | <index>,<index>,… (negative counts from the last ${what === 'layers' ? 'layer' : 'head'})`,
    description:
      what === 'layers'
        ? 'Attention layers to use, in model order; -1 is the last layer'
        : 'Attention heads to use in every selected layer; -1 is the last head',
    parse: parseIndexSelection,
  };
}

/**
 * Turns a selection into sorted, distinct indices in `[0, count)`. An index outside
 * `[−count, count)` is refused with `InvalidOptionError` naming the valid range.
 */
export function resolveSelection(selection: IndexSelection, count: number, option: string): number[] {
  if (selection === 'all') return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  for (const i of selection) {
    if (i < -count || i >= count) {
      throw new InvalidOptionError(`Option "${option}": index ${i} is out of range; the model has ${count} ${option}, so expected an integer in [${-count}, ${count - 1}]`, {
        option,
        index: i,
        count,
      });
    }
    out.add(i < 0 ? count + i : i);
  }
  return [...out].sort((a, b) => a - b);
}
