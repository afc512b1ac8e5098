import { NonFiniteResultError, type Explanation } from '@glassbox/core';
import { nonFiniteExamples } from './nonFiniteExamples';
import type { Io } from './Io';

/**
 * After the output is written: attributions holding NaN or ±Infinity (written as `null` in JSON)
 * are a `NON_FINITE_RESULT` error naming the examples (exit status 2), or, with
 * `--allow-non-finite`, a warning.
 */
export function reportNonFinite(io: Io, e: Explanation, allow: boolean): void {
  const { examples, count } = nonFiniteExamples(e.attributions, e.attributionShape);
  if (!count) return;
  const shown = examples.slice(0, 20).join(', ') + (examples.length > 20 ? `, … (${examples.length} examples)` : '');
  const message = `${count} attribution value(s) are NaN or infinite, in example(s) ${shown}; inputs near the float32 limit or a model that overflows cause this`;
  if (allow) {
    io.err(`warning: ${message} (allowed by --allow-non-finite)`);
    return;
  }
  throw new NonFiniteResultError(`${message}. The output was written; pass --allow-non-finite to accept such results`, { examples, count });
}
