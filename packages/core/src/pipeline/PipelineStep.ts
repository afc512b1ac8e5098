import type { Model } from '../model/Model';
import type { ExplainCall, ExplainInput, Explainer } from '../explainer/Explainer';
import type { ExplanationKind } from '../explanation/Explanation';
import type { Random } from '../random/Random';
import type { Progress } from '../explainer/ExplainContext';

/** What a step sees of the pipeline run: the model, the original inputs and the call. */
export interface PipelineContext {
  readonly model: Model;
  readonly inputs: ExplainInput;
  readonly call: ExplainCall<Record<string, unknown>>;
  readonly random: Random;
  readonly signal: AbortSignal;
  progress(p: Progress): void;
  /** The explainer the pipeline starts with (set by {@link Pipeline.run}). */
  readonly source?: Explainer<any, any, any>;
  /**
   * Re-runs the pipeline up to this step — the source explainer and the earlier steps, except those
   * marked `observes` — on other inputs or another model, and resolves to that step's input value.
   * Metrics that re-explain (max-sensitivity, model randomisation) use it so that they measure the
   * whole composition, post-processing included. Set by {@link Pipeline.run}.
   */
  explainAgain?(model: Model, inputs: ExplainInput, call?: ExplainCall<Record<string, unknown>>): Promise<unknown>;
}

/**
 * One step of a pipeline: a function from the previous value to the next, with a name and the
 * plugin that provides it (both appear in errors). `run` is a property, not a method, so that
 * TypeScript checks its parameter strictly: a step that takes tree explanations does not fit after
 * an attribution step, and the composition fails to compile.
 *
 * @example
 * ```ts
 * const scale: PipelineStep<Explanation<'attribution'>, Explanation<'attribution'>> = {
 *   name: 'scale', plugin: 'my-app', accepts: ['attribution'],
 *   run: (e) => ({ ...e, attributions: e.attributions.map((v) => v * 2) }),
 * };
 * ```
 */
export interface PipelineStep<In, Out> {
  readonly name: string;
  readonly plugin: string;
  /** Explanation kinds accepted, checked at run time for untyped callers. */
  readonly accepts?: readonly ExplanationKind[];
  /** Backend to run this step on (switched back afterwards). */
  readonly backend?: string;
  /**
   * True for steps that only read the explanation and record something (metrics, renderers that
   * pass it through): {@link PipelineContext.explainAgain} skips them when it replays the pipeline.
   */
  readonly observes?: boolean;
  readonly run: (value: In, context: PipelineContext) => Promise<Out> | Out;
}
