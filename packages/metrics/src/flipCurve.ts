import { InvalidOptionError, type OptionSchema, areaUnderCurve } from '@glassbox/core';
import type { Metric, MetricResult } from './Metric';
import { attributionData } from './attributionData';
import { scoreItems } from './scoreItems';

/** Options of the deletion and insertion curves. */
export interface FlipCurveOptions {
  /** Curve segments: points at 0, 1/steps, …, 1 of the features flipped (capped at the feature count). */
  steps: number;
  /** The value a deleted feature takes, and the starting value of every feature for insertion. */
  baseline: number;
  /** Order features by signed attribution (`value`) or by magnitude (`absolute`), largest first. */
  by: 'value' | 'absolute';
  /** Flip single elements, or whole pixels (all channels of a position; inputs of rank ≥ 2). */
  unit: 'element' | 'pixel';
  /** Most inputs per model call (the memory budget may lower it). */
  maxBatch: number;
}

/** A deletion or insertion curve per example and its area. */
export interface FlipCurveResult extends MetricResult {
  metric: 'deletion' | 'insertion';
  /** Fraction of features flipped at each curve point (shared by all examples). */
  fractions: number[];
  /** Target output at each point, per example. */
  curves: number[][];
  /** The area under each curve over fractions in [0, 1] (trapezoid rule); also `perExample`. */
  auc: number[];
  baseline: number;
}

const schema: OptionSchema<FlipCurveOptions> = {
  steps: { type: 'number', integer: true, min: 1, max: 100_000, default: 20, description: 'Curve segments (points at 0, 1/steps, …, 1 of the features)' },
  baseline: { type: 'number', default: 0, description: 'Value of a removed feature (and the insertion start)' },
  by: { type: 'enum', values: ['value', 'absolute'], default: 'value', description: 'Rank features by signed attribution or by magnitude' },
  unit: { type: 'enum', values: ['element', 'pixel'], default: 'element', description: 'Flip elements, or whole pixels (all channels; attributions summed)' },
  maxBatch: { type: 'number', integer: true, min: 1, default: 256, description: 'Most inputs per model call' },
};

/** Feature groups (elements or pixels) of one example, most important first. */
function flipOrder(a: Float32Array, channels: number, by: FlipCurveOptions['by']): Int32Array {
  const groups = a.length / channels;
  const score = new Float64Array(groups);
  for (let g = 0; g < groups; g++) for (let c = 0; c < channels; c++) score[g] = score[g]! + a[g * channels + c]!;
  if (by === 'absolute') for (let g = 0; g < groups; g++) score[g] = Math.abs(score[g]!);
  return Int32Array.from({ length: groups }, (_, g) => g).sort((p, q) => score[q]! - score[p]! || p - q);
}

function flipCurveMetric(mode: 'deletion' | 'insertion'): Metric<FlipCurveOptions, FlipCurveResult> {
  const better = mode === 'deletion' ? 'lower' : 'higher';
  return {
    name: mode,
    description:
      mode === 'deletion'
        ? 'Deletion curve: the target output as the most important features are set to the baseline, and its area (lower is better)'
        : 'Insertion curve: the target output as the most important features are restored from the baseline, and its area (higher is better)',
    better,
    accepts: ['attribution'],
    reexplains: false,
    options: schema,
    async compute(e, model, options, { context }) {
      const d = attributionData(e, mode);
      let channels = 1;
      if (options.unit === 'pixel') {
        const last = d.shape[d.shape.length - 1];
        if (d.shape.length < 2 || last === undefined) {
          throw new InvalidOptionError(`Option "unit" of metric "${mode}": "pixel" needs inputs with a channel axis (rank ≥ 2); these are ${JSON.stringify(d.shape)}`, {
            option: 'unit',
            inputShape: d.shape,
          });
        }
        channels = last;
      }
      const groups = d.per / channels;
      const steps = Math.min(options.steps, groups);
      const counts = Array.from({ length: steps + 1 }, (_, s) => Math.round((s * groups) / steps));
      const fractions = counts.map((k) => k / groups);
      const orders = Array.from({ length: d.n }, (_, i) => flipOrder(d.attributions.subarray(i * d.per, (i + 1) * d.per), channels, options.by));
      const points = steps + 1;
      const scores = await scoreItems({
        model,
        shape: d.shape,
        count: d.n * points,
        stage: mode,
        context,
        maxBatch: options.maxBatch,
        target: (item) => d.targets[Math.floor(item / points)]!,
        write: (item, out) => {
          const i = Math.floor(item / points), k = counts[item % points]!;
          const x = d.inputs.subarray(i * d.per, (i + 1) * d.per);
          const order = orders[i]!;
          if (mode === 'deletion') out.set(x);
          else out.fill(options.baseline);
          for (let r = 0; r < k; r++) {
            const base = order[r]! * channels;
            for (let c = 0; c < channels; c++) out[base + c] = mode === 'deletion' ? options.baseline : x[base + c]!;
          }
        },
      });
      const curves = Array.from({ length: d.n }, (_, i) => Array.from(scores.subarray(i * points, (i + 1) * points)));
      const auc = curves.map((c) => areaUnderCurve(c, fractions));
      return { metric: mode, score: auc.reduce((a, b) => a + b, 0) / d.n, perExample: auc, better, fractions, curves, auc, baseline: options.baseline };
    },
  };
}

/** The deletion metric definition (see {@link deletion}). */
export const deletionMetric = flipCurveMetric('deletion');
/** The insertion metric definition (see {@link insertion}). */
export const insertionMetric = flipCurveMetric('insertion');
