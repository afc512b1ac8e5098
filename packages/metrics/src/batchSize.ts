import { InvalidInputError } from '@glassbox/core';

/** The leading (batch) axis of an explanation's shape; refuses a shape without one. */
export function batchSize(shape: readonly number[], metric: string): number {
  const n = shape[0];
  if (n === undefined) throw new InvalidInputError(`Metric "${metric}" needs a batch axis; got shape []`, { metric, shape: [] });
  return n;
}
