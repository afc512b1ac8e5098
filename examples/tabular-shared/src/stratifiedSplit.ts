import { createRandom } from '@glassbox/core';
import { stratifiedSplit as splitByClass } from '@glassbox/surrogate-tree';

/** An example's seeded split that keeps the class balance (`testFraction` of each class held out). */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): { train: number[]; test: number[] } {
  return splitByClass(labels, testFraction, createRandom(seed));
}
