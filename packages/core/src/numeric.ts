// Pure numeric helpers with no tfjs dependency, for packages that must stay free of tfjs (viz).
export { percentile } from './util/percentile';
export { areaUnderCurve } from './util/areaUnderCurve';
