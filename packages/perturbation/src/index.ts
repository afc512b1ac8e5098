export { featureAblation, type FeatureAblationOptions } from './featureAblation';
export { featureGroups, type FeatureGroups } from './featureGroups';
export { kernelShap, type KernelShapOptions, type KernelShapData } from './kernelShap';
export { gridSuperpixels } from './gridSuperpixels';
export { lime, type LimeOptions, type LimeData, type LimeInstance } from './lime';
export { featurePermutation, type FeaturePermutationOptions, type FeaturePermutationData } from './featurePermutation';
