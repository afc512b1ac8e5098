export { deeplift, type DeepliftOptions } from './deeplift';
export { deepliftShap, type DeepliftShapOptions } from './deepliftShap';
export { rescaleRules } from './rescaleRules';
