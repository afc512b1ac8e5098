import type { Explanation } from '../explanation/Explanation';
import { InvalidOptionError } from '../errors/InvalidOptionError';
import type { PipelineStep } from './PipelineStep';
import { mapAttributions, type AttributionKind } from './mapAttributions';
import { percentile } from '../util/percentile';

type Attr = Explanation<AttributionKind, any>;

/**
 * Absolute value of every attribution.
 * @example `pipeline(saliency({ abs: false })).use(absolute())`
 */
export function absolute<E extends Attr = Explanation<'attribution'>>(): PipelineStep<E, E> {
  return mapAttributions<E>('absolute', (v) => v.map(Math.abs));
}

/**
 * Scales each example's attributions: `max-abs` to [-1, 1] by the largest magnitude (default),
 * `sum` so absolute values sum to 1, `min-max` to [0, 1]. All-zero attributions stay zero.
 */
export function normalize<E extends Attr = Explanation<'attribution'>>(mode: 'max-abs' | 'sum' | 'min-max' = 'max-abs'): PipelineStep<E, E> {
  return mapAttributions<E>(
    'normalize',
    (v) => {
      if (mode === 'min-max') {
        let lo = Infinity, hi = -Infinity;
        for (const x of v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        const span = hi - lo;
        return v.map((x) => (span > 0 ? (x - lo) / span : 0));
      }
      let s = 0;
      for (const x of v) s = mode === 'sum' ? s + Math.abs(x) : Math.max(s, Math.abs(x));
      return s > 0 ? v.map((x) => x / s) : v.slice();
    },
    { mode },
  );
}


/**
 * Clips each example's attributions to its [lower, upper] percentiles (default 1–99), the usual
 * way to keep a few extreme pixels from washing out a heatmap.
 */
export function clipPercentile<E extends Attr = Explanation<'attribution'>>(lower = 1, upper = 99): PipelineStep<E, E> {
  if (!(lower >= 0 && upper <= 100 && lower < upper)) {
    throw new InvalidOptionError(`clipPercentile needs 0 ≤ lower < upper ≤ 100; got ${lower}, ${upper}`, { lower, upper });
  }
  return mapAttributions<E>(
    'clip-percentile',
    (v) => {
      const lo = percentile(v, lower), hi = percentile(v, upper);
      return v.map((x) => Math.min(hi, Math.max(lo, x)));
    },
    { lower, upper },
  );
}
