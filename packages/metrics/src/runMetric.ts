import { InvalidInputError, createContext, resolveOptions, type Explanation, type ExplainInput, type Model } from '@glassbox/core';
import type { Metric, MetricResult, MetricRunOptions, Reexplain } from './Metric';

const RUN_KEYS = ['seed', 'signal', 'onProgress', 'memoryBudgetBytes', 'explainer', 'reexplain'] as const;

/** Splits a metric function's argument into its schema options and the run options. */
export function splitRunOptions(all: Record<string, unknown> = {}): { options: Record<string, unknown>; run: MetricRunOptions } {
  const options: Record<string, unknown> = {};
  const run: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) ((RUN_KEYS as readonly string[]).includes(k) ? run : options)[k] = v;
  return { options, run: run as MetricRunOptions };
}

/**
 * A {@link Reexplain} from an explainer: the evaluated explanation's options and seed, the given
 * targets. Refuses an explanation whose attributions were post-processed, since the bare explainer
 * would not reproduce them (run the metric as a pipeline step instead).
 */
export function reexplainWith(explainer: NonNullable<MetricRunOptions['explainer']>, explanation: Explanation, metric: string): Reexplain {
  const post = explanation.diagnostics?.postprocessing;
  if (Array.isArray(post) && post.length > 0) {
    throw new InvalidInputError(
      `Metric "${metric}" re-explains with "${explanation.method}", but these attributions were post-processed (${post.map((p) => (p as { step?: string }).step).join(', ')}); run the metric as a pipeline step after those steps, or evaluate the unprocessed explanation`,
      { metric, postprocessing: post },
    );
  }
  return (model: Model, inputs: ExplainInput, call) =>
    explainer.explain(model, inputs, { options: explanation.options, seed: explanation.seed, target: call.target, signal: call.signal, memoryBudgetBytes: call.memoryBudgetBytes });
}

/** Checks the kind, resolves options, builds the context and computes a metric. */
export async function runMetric<O, R extends MetricResult>(
  metric: Metric<O, R>,
  explanation: Explanation,
  model: Model | undefined,
  given: Record<string, unknown> = {},
  extra: { reexplain?: Reexplain | undefined } = {},
): Promise<R> {
  const { options: raw, run } = splitRunOptions(given);
  if (!metric.accepts.includes(explanation.kind)) {
    throw new InvalidInputError(`Metric "${metric.name}" accepts explanations of kind ${metric.accepts.join(' | ')}; got ${explanation.kind} (method ${explanation.method})`, {
      metric: metric.name,
      expected: metric.accepts,
      received: explanation.kind,
    });
  }
  const options = resolveOptions(metric.options, raw, `metric "${metric.name}"`);
  const context = createContext({ signal: run.signal, onProgress: run.onProgress, seed: run.seed, memoryBudgetBytes: run.memoryBudgetBytes });
  context.throwIfAborted();
  let reexplain = run.reexplain ?? extra.reexplain;
  if (!reexplain && metric.reexplains && run.explainer) reexplain = reexplainWith(run.explainer, explanation, metric.name);
  return metric.compute(explanation, model as Model, options, { context, reexplain });
}
