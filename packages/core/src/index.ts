// Errors
export { GlassboxError, isGlassboxError, type GlassboxErrorCode, type GlassboxErrorCodes } from './errors/GlassboxError';
export { InvalidInputError } from './errors/InvalidInputError';
export { InvalidOptionError } from './errors/InvalidOptionError';
export { TargetOutOfRangeError } from './errors/TargetOutOfRangeError';
export { CapabilityError } from './errors/CapabilityError';
export { ModelFileError, type ModelFileErrorCode } from './errors/ModelFileError';
export { DataFileError } from './errors/DataFileError';
export { BackendUnavailableError, type BackendFailure } from './errors/BackendUnavailableError';
export { AbortedError } from './errors/AbortedError';
export { PipelineStepError } from './errors/PipelineStepError';
export { UnknownMethodError } from './errors/UnknownMethodError';
export { MemoryBudgetError } from './errors/MemoryBudgetError';
export { UnsupportedModelError } from './errors/UnsupportedModelError';
export { NoGradientError } from './errors/NoGradientError';
export { BackendSwitchedError } from './errors/BackendSwitchedError';
export { OutputFileError, type OutputFileErrorCode } from './errors/OutputFileError';
export { NonFiniteResultError } from './errors/NonFiniteResultError';
export { PluginError } from './errors/PluginError';
// Models
export { MODEL_SPEC_VERSION, type Model, type ModelCapability, type ModelCapabilities, type ModelWith, type LayerInfo, type ModelSplit } from './model/Model';
export type { AttentionAccess, AttentionForward, ForwardFromEmbeddingsOptions } from './model/AttentionAccess';
export { fromFunction, type FunctionModelOptions } from './model/fromFunction';
export { fromBatchFunction, type BatchFunction } from './model/fromBatchFunction';
export { fromLayersModel, type LayersModelLike, type LayerLike, type LayersModelAdapterOptions } from './model/fromLayersModel';
export { fromGraphModel, type GraphModelLike, type GraphModelAdapterOptions, type GraphTensorInfo } from './model/fromGraphModel';
export { fusedGraphNodes, type FusedGraphNodes, type GraphOpNode, type RegisterGraphOp } from './model/fusedGraphNodes';
export { RULE_KERNELS, type RuleKernel, type GradientRule, type GradientRuleArgs, type GradientRules, type ForwardOptions } from './model/GradientRules';
export { withGradientRules } from './model/withGradientRules';
// Explainers
export {
  EXPLAINER_SPEC_VERSION,
  type Explainer,
  type ExplainRequest,
  type ExplainResult,
  type ExplainCall,
  type ExplainInput,
} from './explainer/Explainer';
export type { ExplainContext, Progress } from './explainer/ExplainContext';
export type { OptionSchema, OptionSpec } from './explainer/OptionSchema';
export { defineExplainer, withDefaults, type ExplainerDefinition } from './explainer/defineExplainer';
export type { PackageIdentity } from './explainer/PackageIdentity';
export { resolveOptions } from './explainer/resolveOptions';
export { parseTensorOption, type TensorValue } from './explainer/parseTensorOption';
export { resolveTargets } from './explainer/resolveTargets';
export { toInputTensor } from './explainer/toInputTensor';
export { runExplainer, createContext, checkCapabilities, DEFAULT_MEMORY_BUDGET } from './explainer/runExplainer';
// Explanations
export {
  EXPLANATION_SPEC_VERSION,
  attributionsOf,
  type Explanation,
  type ExplanationKind,
  type ExplanationKinds,
  type ExplanationLabels,
} from './explanation/Explanation';
export { explanationToJSON, explanationFromJSON, type ExplanationJSON } from './explanation/explanationJson';
export type { InputPreprocessing } from './explanation/InputPreprocessing';
// Backends
export type { BackendProvider } from './backend/BackendProvider';
export {
  registerBackend,
  listBackends,
  useBackend,
  currentBackend,
  withBackend,
  useBackendUnlocked,
  type BackendSelection,
  type UseBackendOptions,
} from './backend/backendRegistry';
export { cpuBackend } from './backend/cpuBackend';
export { ensureGradients } from './backend/ensureGradients';
export { withBackendLock } from './backend/backendLock';
// Pipelines
export { Pipeline, pipeline } from './pipeline/Pipeline';
export type { PipelineStep, PipelineContext } from './pipeline/PipelineStep';
export { mapAttributions, type AttributionKind } from './pipeline/mapAttributions';
export { absolute, normalize, clipPercentile } from './pipeline/postprocess';
export { noiseTunnel, type NoiseTunnelOptions } from './pipeline/noiseTunnel';
// Utilities for plugin authors
export { createRandom } from './random/createRandom';
export { checkSeed, MAX_SEED } from './random/checkSeed';
export type { Random } from './random/Random';
export { selectTargets, targetGradients, targetGradientsWithOutputs } from './tensor/selectTargets';
export { asNoGradientError, GRADIENT_FREE_METHODS } from './tensor/asNoGradientError';
export { planChunks } from './tensor/planChunks';
export { defaultMemoryBudget, availableMemoryBytes, memoryLimitBytes, MEMORY_BUDGET_FRACTION, BROWSER_MEMORY_BUDGET, BROWSER_MEMORY_LIMIT, CPU_MEMORY_BUDGET } from './tensor/defaultMemoryBudget';
export { measureItemBytes, peakBytes } from './tensor/measureItemBytes';
export { measurePredictBytes } from './tensor/measurePredictBytes';
export { runChunks, type ChunkJob, type ChunkOutput, type ChunkValues } from './tensor/runChunks';
export { sizeChunks, type ItemCost, type ChunkPlan } from './tensor/sizeChunks';
export { guessItemBytes } from './tensor/guessItemBytes';
export { sizeOf, formatShape } from './util/shape';
export { isNode } from './util/isNode';
export { percentile } from './util/percentile';
export { areaUnderCurve } from './util/areaUnderCurve';
export { importAtRuntime } from './util/importAtRuntime';
export { nest, flatten, shapeOfNested, MAX_NESTED_DIMS } from './util/nested';
export { jsonDepth } from './util/jsonDepth';
// Tables (reading files: readCsv in '@glassbox/core/node')
export { parseCsv, type CsvTable, type ParseCsvOptions } from './data/parseCsv';
export { checkCsvColumns, type CheckCsvColumnsOptions } from './data/checkCsvColumns';
