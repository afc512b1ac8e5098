// Metric contracts
export type { Metric, MetricResult, MetricEnv, MetricRunOptions, Reexplain } from './Metric';
export { runMetric, reexplainWith } from './runMetric';
// Metrics as functions
export { completeness, completenessMetric, type CompletenessOptions, type CompletenessResult } from './completeness';
export { deletionMetric, insertionMetric, type FlipCurveOptions, type FlipCurveResult } from './flipCurve';
export { deletion } from './deletion';
export { insertion } from './insertion';
export { infidelity, infidelityMetric, type InfidelityOptions, type InfidelityResult } from './infidelity';
export { maxSensitivity, maxSensitivityMetric, type MaxSensitivityOptions, type MaxSensitivityResult } from './maxSensitivity';
export {
  randomizationCheck,
  randomizationMetric,
  type RandomizationOptions,
  type RandomizationResult,
  type RandomizationStep,
} from './randomizationCheck';
export { agreement, agreementOptions, type AgreementOptions, type AgreementPair, type AgreementResult } from './agreement';
// Metrics as pipeline steps
export {
  metricStep,
  completenessStep,
  deletionStep,
  insertionStep,
  infidelityStep,
  maxSensitivityStep,
  randomizationStep,
  agreementStep,
  type StepOptions,
} from './metricSteps';
// Evaluation (the CLI's `glassbox evaluate`)
export { evaluate, METRICS, type EvaluateOptions, type EvaluationReport, type MetricName } from './evaluate';
// Utilities
export { spearman, kendall, ranks } from './rankCorrelation';
export { trapezoid } from './trapezoid';
