export { featureAblation, type FeatureAblationOptions } from './featureAblation';
export { featureGroups, type FeatureGroups } from './featureGroups';
export { kernelShap, type KernelShapOptions, type KernelShapData } from './kernelShap';
export { gridSuperpixels } from './gridSuperpixels';
