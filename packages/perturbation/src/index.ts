export { featureAblation, type FeatureAblationOptions } from './featureAblation';
export { featureGroups, type FeatureGroups } from './featureGroups';
