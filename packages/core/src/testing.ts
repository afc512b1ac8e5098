export { explainerConformance, type ConformanceCheck, type ExplainerSuiteOptions } from './testing/explainerConformance';
export { backendConformance, type BackendCase, type BackendSuiteOptions, type BackendCaseReport } from './testing/backendConformance';
export { trackTensors } from './testing/trackTensors';
export { createTinyMlp, randomInputs, type TinyMlpOptions } from './testing/fixtures';
export { referenceExplainer } from './testing/referenceExplainer';
export { tinyGraphModel, type TinyGraphModelOptions } from './testing/tinyGraphModel';
export { pluginManifestConformance, rangeAdmits, type PluginManifest, type PluginManifestOptions } from './testing/pluginManifestConformance';
export { peerAgreement, type PeerAgreement, type PeerTolerance } from './testing/peerAgreement';
export { captumReference, type CaptumReference, type CaptumVariant } from './testing/captumReference';
