import { InvalidInputError, resolveOptions, type Explanation, type OptionSchema } from '@glassbox/core';
import type { MetricResult } from './Metric';
import { kendall, spearman } from './rankCorrelation';
import { batchSize } from './batchSize';

/** Options of {@link agreement}. */
export interface AgreementOptions {
  /** Compare attribution magnitudes (`absolute`, the usual choice across methods) or signed values. */
  by: 'absolute' | 'value';
  /** Fraction of features counted as each method's top features for the overlap. */
  topFraction: number;
}

/** Agreement of one pair of methods, per example. */
export interface AgreementPair {
  a: string;
  b: string;
  spearman: number[];
  kendall: number[];
  /** |top_a ∩ top_b| / k for the top k features of each. */
  topOverlap: number[];
}

/**
 * How much several explanations of the same inputs agree. Matrices are methods × methods, averaged
 * over examples; `score` is the mean pairwise Spearman ρ.
 */
export interface AgreementResult extends MetricResult {
  metric: 'agreement';
  methods: string[];
  spearman: number[][];
  kendall: number[][];
  topOverlap: number[][];
  pairs: AgreementPair[];
  topK: number;
}

/** Option schema of {@link agreement} (the CLI derives its flags from it). */
export const agreementOptions: OptionSchema<AgreementOptions> = {
  by: { type: 'enum', values: ['absolute', 'value'], default: 'absolute', description: 'Compare magnitudes or signed attributions' },
  topFraction: { type: 'number', min: 0, exclusiveMin: true, max: 1, default: 0.1, description: 'Fraction of features in the top-k overlap' },
};

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

function topSet(v: ArrayLike<number>, k: number): Set<number> {
  return new Set(Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[j]! - v[i]! || i - j).slice(0, k));
}

/**
 * Agreement between explanations of the same inputs and targets by different methods: Spearman ρ,
 * Kendall τ-b and top-k overlap of their attributions, per example and pair. Refuses explanations
 * of different inputs, targets or attribution shapes.
 *
 * @example
 * ```ts
 * const [a, b] = [await saliency().explain(model, x), await integratedGradients().explain(model, x)];
 * const r = agreement([a, b]);
 * r.spearman[0][1]; // mean rank correlation of the two methods
 * ```
 */
export function agreement(explanations: readonly Explanation[], options: Partial<AgreementOptions> = {}): AgreementResult {
  const { by, topFraction } = resolveOptions(agreementOptions, options as Record<string, unknown>, 'agreement');
  const first = explanations[0];
  if (explanations.length < 2 || !first) throw new InvalidInputError(`Agreement needs at least two explanations; got ${explanations.length}`, { received: explanations.length });
  for (const e of explanations.slice(1)) {
    const why =
      JSON.stringify(e.attributionShape) !== JSON.stringify(first.attributionShape)
        ? `attribution shapes differ (${JSON.stringify(first.attributionShape)} vs ${JSON.stringify(e.attributionShape)})`
        : JSON.stringify(e.targets) !== JSON.stringify(first.targets)
          ? `targets differ (${JSON.stringify(first.targets)} vs ${JSON.stringify(e.targets)})`
          : e.inputs.length !== first.inputs.length || e.inputs.some((v, i) => v !== first.inputs[i])
            ? 'inputs differ'
            : '';
    if (why) throw new InvalidInputError(`Agreement compares explanations of the same inputs and targets: "${first.method}" and "${e.method}" ${why}`, { a: first.method, b: e.method });
  }
  const methods = explanations.map((e, i) => (explanations.filter((o) => o.method === e.method).length > 1 ? `${e.method}#${i + 1}` : e.method));
  const n = batchSize(first.attributionShape, 'agreement');
  const per = first.attributions.length / n;
  const topK = Math.max(1, Math.round(topFraction * per));
  const rows = explanations.map((e) => Array.from({ length: n }, (_, i) => {
    const v = e.attributions.subarray(i * per, (i + 1) * per);
    return by === 'absolute' ? v.map(Math.abs) : v;
  }));
  const m = explanations.length;
  const matrix = (): number[][] => Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  const rho = matrix(), tau = matrix(), top = matrix();
  const pairs: AgreementPair[] = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
    // a, b < m and i < n: rows, methods and the matrices have those lengths.
    const rowsA = rows[a]!, rowsB = rows[b]!;
    const pair: AgreementPair = { a: methods[a]!, b: methods[b]!, spearman: [], kendall: [], topOverlap: [] };
    for (let i = 0; i < n; i++) {
      const va = rowsA[i]!, vb = rowsB[i]!;
      pair.spearman.push(spearman(va, vb));
      pair.kendall.push(kendall(va, vb));
      const ta = topSet(va, topK), tb = topSet(vb, topK);
      pair.topOverlap.push([...ta].filter((f) => tb.has(f)).length / topK);
    }
    const setPair = (matrix: number[][], value: number) => { matrix[a]![b] = matrix[b]![a] = value; };
    setPair(rho, mean(pair.spearman));
    setPair(tau, mean(pair.kendall));
    setPair(top, mean(pair.topOverlap));
    pairs.push(pair);
  }
  const perExample = Array.from({ length: n }, (_, i) => mean(pairs.map((p) => p.spearman[i]!)));
  return { metric: 'agreement', score: mean(perExample), perExample, better: 'higher', methods, spearman: rho, kendall: tau, topOverlap: top, pairs, topK };
}
