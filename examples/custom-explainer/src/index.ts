// The CLI discovers this plugin through package.json "glassbox": { "plugin": true, "explainers": ["occlusion"] }:
// each name listed there is a named export below, a factory returning an Explainer.
export { occlusion, type OcclusionOptions } from './occlusion';
export { parseSizes, sizesOption, type Sizes } from './sizesOption';
export { slidingWindows, type SlidingWindows } from './slidingWindows';
// A second explainer that adds a capability, an explanation kind and an error code to Glassbox
// (module augmentation in ./augment; not listed in the manifest: the CLI has no renderer for its kind).
export { groupOcclusion, type GroupOcclusionOptions } from './groupOcclusion';
