import type { Tensor } from '@tensorflow/tfjs-core';
import type { Model, ModelCapability, ModelWith } from '../model/Model';
import type { Explanation, ExplanationKind, ExplanationLabels } from '../explanation/Explanation';
import type { OptionSchema } from './OptionSchema';
import type { ExplainContext, Progress } from './ExplainContext';

/** Version of the Explainer contract. A plugin states the version it was written against. */
export const EXPLAINER_SPEC_VERSION = 1 as const;

/**
 * What `run` receives: validated inputs, resolved targets and options. `C` are the capabilities
 * the explainer requires: the model is typed as having them (core checked them before `run`).
 */
export interface ExplainRequest<O, C extends ModelCapability = never> {
  model: ModelWith<C>;
  /** `[batch, ...inputShape]`, finite. Owned by core: do not dispose. */
  inputs: Tensor;
  /** One flat output index per example, validated to be in range. */
  targets: number[];
  options: Readonly<O>;
  context: ExplainContext;
  /**
   * The model's outputs at the inputs, `[batch, outputSize]` flat. For an explainer with
   * {@link Explainer.collectsOutputs} called with numeric targets, it arrives filled with NaN and
   * `run` writes it from its own forward pass at the inputs (core computes it if `run` did not).
   */
  outputs: Float32Array;
}

/** What `run` returns. A tensor is read and disposed by core. */
export interface ExplainResult<D = unknown> {
  attributions: Tensor | { values: Float32Array; shape: number[] };
  convergenceDelta?: number[];
  diagnostics?: Record<string, unknown>;
  labels?: ExplanationLabels | undefined;
  data?: D;
}

/** How an explainer is called. Other keys are refused (`INVALID_OPTION`): `{ targets: 2 }` would otherwise explain the predicted class. */
export interface ExplainCall<O> {
  /** Method options; unknown keys are refused. */
  options?: (Partial<O> & Record<string, unknown>) | undefined;
  /** Flat output index per example, one for all, or `'predicted'` (argmax; the default). */
  target?: number | readonly number[] | 'predicted' | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /** Seed of the random source (default 0). */
  seed?: number | undefined;
  /**
   * Bytes one chunk of batched work may allocate (a positive number). Default: half the memory
   * available (Node) or 512 MiB (browsers), or the backend's preferred budget when smaller (256 MiB
   * on the CPU backends: cpu, native, wasm); given or default, at most half of what the backend can
   * still hold when it is bounded (a wasm32 heap: 4 GiB). Chunks shrink to one example; one example is refused
   * (`MEMORY_BUDGET`) only when it needs more than the memory available.
   */
  memoryBudgetBytes?: number | undefined;
  labels?: ExplanationLabels | undefined;
  /**
   * Backend to compute on (a registered name, as in `useBackend`); the previous one is restored
   * afterwards. Safe under concurrency: explanations hold the backend lock, so concurrent calls
   * on different backends run one after another, each on its own backend, and `Explanation.backend`
   * names the backend that really computed it. Default: the active backend.
   */
  backend?: string | undefined;
  /** Tried in order when `backend` cannot be initialised. */
  fallback?: readonly string[] | undefined;
}

/** The input of an explanation: a tensor (not disposed), nested arrays, or flat values with a shape. */
export type ExplainInput = Tensor | number[] | number[][] | unknown[] | { values: Float32Array; shape: number[] };

/**
 * An explainer plugin: a plain object made by a factory, identified by `name`.
 * Write one with {@link defineExplainer}, which supplies `explain` (validation, targets, timing,
 * abort and progress) around your `run`.
 *
 * @example
 * ```ts
 * const ig = integratedGradients({ steps: 64 });
 * const e = await ig.explain(model, inputs, { target: 3, onProgress: console.log });
 * ```
 */
export interface Explainer<O = Record<string, unknown>, K extends ExplanationKind = ExplanationKind, D = unknown> {
  /** Method id (`integrated-gradients`); also the CLI's `--method`. */
  readonly name: string;
  readonly version: string;
  readonly specVersion: typeof EXPLAINER_SPEC_VERSION;
  readonly kind: K;
  readonly description: string;
  /** The npm package that provides it, for messages. */
  readonly package?: string;
  /** Capabilities the model must have. */
  readonly requires: readonly ModelCapability[];
  readonly options: OptionSchema<O>;
  /** True when attributions sum to f(x) − f(baseline) (the result carries `convergenceDelta`). */
  readonly completeness?: boolean;
  /**
   * True when `run` evaluates the model at the inputs themselves (a gradient at x) and writes those
   * outputs into `request.outputs` (e.g. from `targetGradientsWithOutputs`). Core then
   * skips its own forward pass when the targets are given as numbers, since nothing needs the
   * outputs before `run`: one forward pass fewer per explanation. Read `request.outputs` only after
   * writing it.
   */
  readonly collectsOutputs?: boolean | undefined;
  /**
   * For hosts that load model files (the CLI): turns a loaded tfjs Layers model into the model this
   * method needs when the plain adapter is not enough (attention access, custom layers). The
   * returned model owns `layersModel` (its `dispose` releases it). `files.vocabulary` is the token
   * list of a `tokenizer.json` beside the model file, when there is one.
   */
  readonly adaptModel?: (layersModel: unknown, files: { vocabulary?: string[] }) => Model;
  /**
   * For methods that learn from the data the inputs come from (feature spreads, reference rows): a
   * copy of this explainer that uses `background`, `[rows, ...inputShape]`. Hosts call it when the
   * user explains a subset of a data file (the CLI's `--rows`), passing the whole file.
   */
  withBackground?(background: { values: Float32Array; shape: number[] }): Explainer<O, K, D>;
  /** The method itself: called only with validated input. */
  run(request: ExplainRequest<O>): Promise<ExplainResult<D>>;
  /** Explain a batch: validates, runs and packages the result. */
  explain(model: Model, inputs: ExplainInput, call?: ExplainCall<O>): Promise<Explanation<K, D>>;
}
