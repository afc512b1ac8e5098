import type { ExampleId } from './hashId';

/** Orders ids: numbers ascending, then strings in code-unit order. The order merged files use. */
export function compareIds(a: ExampleId, b: ExampleId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
