import { InvalidInputError, type Explainer, type Explanation, type PipelineContext, type PipelineStep, type Progress } from '@glassbox/core';
import type { Metric, MetricResult, MetricRunOptions, Reexplain } from './Metric';
import { runMetric } from './runMetric';
import { completenessMetric, type CompletenessOptions } from './completeness';
import { deletionMetric, insertionMetric, type FlipCurveOptions } from './flipCurve';
import { infidelityMetric, type InfidelityOptions } from './infidelity';
import { maxSensitivityMetric, type MaxSensitivityOptions } from './maxSensitivity';
import { randomizationMetric, type RandomizationOptions } from './randomizationCheck';
import { agreement, type AgreementOptions } from './agreement';

const PLUGIN = '@glassbox/metrics';

/** Explanations whose attributions are shaped like the inputs. */
type Attribution = Explanation<'attribution', any>;
/** Explanations that may carry a convergence delta. */
type Summable = Explanation<'attribution' | 'layer-attribution' | 'token-attribution', any>;

/** Options every metric step takes besides the metric's own: the backend it runs on, an explicit explainer. */
export interface StepOptions {
  /** Backend to run this step on (its model calls and re-explanations). */
  backend?: string | undefined;
  /** Re-explain with this explainer instead of replaying the pipeline (max-sensitivity, randomisation). */
  explainer?: MetricRunOptions['explainer'];
}

/** Re-explanation through the pipeline: the source explainer and the transforming steps before this one. */
function pipelineReexplain(context: PipelineContext): Reexplain | undefined {
  const again = context.explainAgain;
  if (!again) return undefined;
  return async (model, inputs, call) => {
    const value = (await again(model, inputs, { ...context.call, target: call.target, signal: call.signal ?? context.signal })) as Partial<Explanation>;
    if (!(value?.attributions instanceof Float32Array)) {
      throw new InvalidInputError('Replaying the pipeline before this metric did not produce an explanation (a step before it returns something else)', {});
    }
    return value as Explanation;
  };
}

/**
 * A pipeline step that computes `metric` and records its result in `explanation.metrics[name]`,
 * passing the explanation on unchanged (it `observes`). Metrics that re-explain replay the pipeline
 * up to this step, so they measure the whole composition (SmoothGrad → absolute → …).
 */
export function metricStep<E extends Explanation<any, any>, O, R extends MetricResult>(
  metric: Metric<O, R>,
  options: Partial<O> & StepOptions = {} as Partial<O> & StepOptions,
): PipelineStep<E, E> {
  const { backend, explainer, ...own } = options as StepOptions & Record<string, unknown>;
  return {
    name: metric.name,
    plugin: PLUGIN,
    accepts: metric.accepts,
    ...(backend === undefined ? {} : { backend }),
    observes: true,
    run: async (e, context) => {
      const result = await runMetric(
        metric,
        e,
        context.model,
        { ...own, explainer, seed: context.call.seed, signal: context.signal, onProgress: (p: Progress) => context.progress(p), memoryBudgetBytes: context.call.memoryBudgetBytes },
        { reexplain: explainer ? undefined : pipelineReexplain(context) },
      );
      return { ...e, metrics: { ...e.metrics, [metric.name]: result } };
    },
  };
}

/**
 * Completeness as a step; place it before post-processing (which drops the convergence delta).
 * @example `pipeline(integratedGradients()).use(completenessStep({ tolerance: 0.01 }))`
 */
export const completenessStep = <E extends Summable = Explanation<'attribution'>>(options: Partial<CompletenessOptions> & StepOptions = {}) =>
  metricStep<E, CompletenessOptions, MetricResult>(completenessMetric, options);

/** Deletion curve and area as a step. @example `pipeline(saliency()).use(deletionStep({ steps: 20 }))` */
export const deletionStep = <E extends Attribution = Explanation<'attribution'>>(options: Partial<FlipCurveOptions> & StepOptions = {}) =>
  metricStep<E, FlipCurveOptions, MetricResult>(deletionMetric, options);

/** Insertion curve and area as a step. */
export const insertionStep = <E extends Attribution = Explanation<'attribution'>>(options: Partial<FlipCurveOptions> & StepOptions = {}) =>
  metricStep<E, FlipCurveOptions, MetricResult>(insertionMetric, options);

/** Infidelity as a step. */
export const infidelityStep = <E extends Attribution = Explanation<'attribution'>>(options: Partial<InfidelityOptions> & StepOptions = {}) =>
  metricStep<E, InfidelityOptions, MetricResult>(infidelityMetric, options);

/** Max-sensitivity as a step: re-explains perturbed inputs through the pipeline before it. */
export const maxSensitivityStep = <E extends Explanation<'attribution' | 'layer-attribution', any> = Explanation<'attribution'>>(
  options: Partial<MaxSensitivityOptions> & StepOptions = {},
) => metricStep<E, MaxSensitivityOptions, MetricResult>(maxSensitivityMetric, options);

/** The randomisation sanity check as a step: re-explains with randomised layers through the pipeline before it. */
export const randomizationStep = <E extends Summable = Explanation<'attribution'>>(options: Partial<RandomizationOptions> & StepOptions = {}) =>
  metricStep<E, RandomizationOptions, MetricResult>(randomizationMetric, options);

/**
 * Runs other explainers on the pipeline's inputs and targets and records how much they agree with
 * the pipeline's explanation (`metrics.agreement`, see {@link agreement}).
 *
 * @example
 * ```ts
 * const e = await pipeline(integratedGradients()).use(agreementStep([saliency(), occlusion()])).run(model, x);
 * e.metrics.agreement.spearman; // 3 × 3 matrix
 * ```
 */
export function agreementStep<E extends Explanation<'attribution' | 'layer-attribution' | 'token-attribution', any> = Explanation<'attribution'>>(
  others: readonly Explainer<any, any, any>[],
  options: Partial<AgreementOptions> & { backend?: string | undefined } = {},
): PipelineStep<E, E> {
  const { backend, ...own } = options;
  return {
    name: 'agreement',
    plugin: PLUGIN,
    accepts: ['attribution', 'layer-attribution', 'token-attribution'],
    ...(backend === undefined ? {} : { backend }),
    observes: true,
    run: async (e, context) => {
      const explanations: Explanation[] = [e];
      for (const other of others) {
        explanations.push(await other.explain(context.model, context.inputs, { target: e.targets, seed: context.call.seed, signal: context.signal, memoryBudgetBytes: context.call.memoryBudgetBytes }));
      }
      return { ...e, metrics: { ...e.metrics, agreement: agreement(explanations, own) } };
    },
  };
}
