import type { ExplainCall, ExplainContext, ExplainInput, Explanation, ExplanationKind, Model, OptionSchema, Progress } from '@glassbox/core';

/**
 * What every metric returns: one number per example, their mean as `score`, and which direction
 * is better. Metrics add their details (curves, per-step correlations …). JSON-safe.
 */
export interface MetricResult {
  metric: string;
  /** Mean of `perExample`. */
  score: number;
  perExample: number[];
  /** Whether a lower or a higher score means a better explanation. */
  better: 'lower' | 'higher';
}

/**
 * Produces an explanation of other inputs, or of the same inputs under another model, the same way
 * the evaluated explanation was produced. Max-sensitivity and the randomisation check need one:
 * {@link reexplainWith} makes it from an explainer, pipelines supply it through `explainAgain`.
 */
export type Reexplain = (model: Model, inputs: ExplainInput, call: { target: number[]; signal?: AbortSignal | undefined; memoryBudgetBytes?: number | undefined }) => Promise<Pick<Explanation, 'attributions' | 'attributionShape'>>;

/** What a metric's `compute` gets besides the explanation, the model and its options. */
export interface MetricEnv {
  /** Seeded randomness, cancellation, progress and the memory budget. */
  context: ExplainContext;
  /** Present when the caller supplied an explainer or runs the metric in a pipeline. */
  reexplain?: Reexplain | undefined;
}

/** Options every metric function takes besides its own (not part of its option schema). */
export interface MetricRunOptions {
  /** Seed of the metric's random source (perturbations, layer weights); default 0. */
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /** Bytes one batch of model calls may use (default 256 MiB). */
  memoryBudgetBytes?: number | undefined;
  /** Re-explains perturbed inputs; needed by `max-sensitivity` and `randomization`. */
  explainer?: { explain: (model: Model, inputs: ExplainInput, call?: ExplainCall<any>) => Promise<Explanation> } | undefined;
  /** A custom re-explanation (overrides `explainer`). */
  reexplain?: Reexplain | undefined;
}

/**
 * A metric definition: its name (the CLI's `--metrics` value), option schema (the CLI derives flags
 * from it, code passes partial objects), the explanation kinds it accepts, and `compute`.
 * Use it through its function (`deletion(…)`), its step (`deletionStep(…)`) or {@link evaluate}.
 */
export interface Metric<O = Record<string, unknown>, R extends MetricResult = MetricResult> {
  readonly name: string;
  readonly description: string;
  readonly better: 'lower' | 'higher';
  readonly accepts: readonly ExplanationKind[];
  /** Whether it needs to re-explain (an explainer, or a pipeline around it). */
  readonly reexplains: boolean;
  readonly options: OptionSchema<O>;
  compute(explanation: Explanation, model: Model, options: O, env: MetricEnv): Promise<R>;
}
