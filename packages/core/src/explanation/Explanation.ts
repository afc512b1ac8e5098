import type { InputPreprocessing } from './InputPreprocessing';

/** Version of the Explanation format (JSON included). */
export const EXPLANATION_SPEC_VERSION = 1 as const;

/**
 * The registry of explanation kinds: what an explanation's attributions describe, so that pipeline
 * steps and renderers can say what they accept. Keys are the kinds (values are unused, `true`).
 * Open for extension: a package adds a kind by module augmentation.
 * - `attribution`: one value per input element, same shape as the input;
 * - `layer-attribution`: per example over a layer's spatial grid (Grad-CAM);
 * - `token-attribution`: one value per token (`labels.tokens` names them);
 * - `attention-map`: a token × token matrix per example;
 * - `surrogate`: a fitted surrogate model (`data`), attributions are feature importances.
 *
 * @example
 * ```ts
 * declare module '@glassbox/core' {
 *   interface ExplanationKinds { counterfactual: true }
 * }
 * ```
 */
export interface ExplanationKinds {
  attribution: true;
  'layer-attribution': true;
  'token-attribution': true;
  'attention-map': true;
  surrogate: true;
}

/** A kind of explanation: a key of {@link ExplanationKinds}. */
export type ExplanationKind = keyof ExplanationKinds & string;

/** Human names for the axes of an explanation. */
export interface ExplanationLabels {
  features?: string[];
  /** Tokens per example, for text models. */
  tokens?: string[][];
  classes?: string[];
}

/**
 * The result of explaining a batch. Plain data: it round-trips through {@link explanationToJSON} /
 * {@link explanationFromJSON}. Arrays are flat row-major with their shapes alongside.
 *
 * @example
 * ```ts
 * const e = await integratedGradients().explain(model, x, { target: 3 });
 * e.attributionShape;            // [batch, 28, 28, 1]
 * e.convergenceDelta?.[0];       // sum(attr) − (f(x) − f(baseline))
 * attributionsOf(e, 0);          // the first example's values
 * ```
 */
export interface Explanation<K extends ExplanationKind = ExplanationKind, D = unknown> {
  specVersion: typeof EXPLANATION_SPEC_VERSION;
  kind: K;
  /** Method id, e.g. `integrated-gradients`. */
  method: string;
  /** The plugin that produced it. */
  explainer: { name: string; version: string; package?: string | undefined };
  /** The exact, fully resolved options used (defaults included). */
  options: Record<string, unknown>;
  /** The seed of the random source. */
  seed: number;
  /** tfjs backend that computed it (`cpu`, `wasm`, `webgpu`, `native`). */
  backend: string;
  model: { name: string; inputShape: number[]; outputShape: number[] };
  /** The inputs, flat, with shape `[batch, ...inputShape]`. */
  inputs: Float32Array;
  inputShape: number[];
  /** One flat output index per example. */
  targets: number[];
  /** The model's outputs at the inputs, `[batch, ...outputShape]` flat. */
  outputs: Float32Array;
  outputShape: number[];
  attributions: Float32Array;
  attributionShape: number[];
  /** Per example: sum(attributions) − (f(x) − f(baseline)), for methods that claim completeness. */
  convergenceDelta?: number[] | undefined;
  /** Method-specific numbers (e.g. the baseline outputs, step counts, chunk sizes). */
  diagnostics: Record<string, unknown>;
  /** Filled by evaluation steps (metric name → value or per-example values). */
  metrics: Record<string, unknown>;
  labels?: ExplanationLabels | undefined;
  /** How image files became the inputs (files, resize, scale, normalisation), when they did. */
  preprocessing?: InputPreprocessing;
  timing: { startedAt: string; durationMs: number };
  /** Method-specific structured result (a tree, rules, attention matrices …). JSON-safe. */
  data?: D | undefined;
}

/** The attributions of example `i`, as a view (no copy). */
export function attributionsOf(e: Pick<Explanation, 'attributions' | 'attributionShape'>, i: number): Float32Array {
  const per = e.attributionShape.slice(1).reduce((a, b) => a * b, 1);
  return e.attributions.subarray(i * per, (i + 1) * per);
}
