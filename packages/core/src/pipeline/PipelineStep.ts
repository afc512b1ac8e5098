import type { Model } from '../model/Model';
import type { ExplainCall, ExplainInput } from '../explainer/Explainer';
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
  readonly run: (value: In, context: PipelineContext) => Promise<Out> | Out;
}
