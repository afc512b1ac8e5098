import { version } from '../package.json';

/** The npm package and version that the explainers of this package report (from package.json). */
export const PACKAGE = '@glassbox/integrated-gradients';
export const VERSION: string = version;
