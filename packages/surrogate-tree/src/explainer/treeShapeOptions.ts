import { InvalidOptionError, type OptionSchema } from '@glassbox/core';
import type { TreeCriterion, TreeTask } from '../tree/DecisionTree';
import type { FitTreeOptions } from '../tree/resolveTreeOptions';

/** The tree options both surrogate explainers share (CLI flags: `--max-depth 5`, `--task regression` …). */
export interface TreeShapeOptions {
  /** `classification` mimics the model's predicted class; `regression` its output for the target. */
  task: TreeTask;
  /** `auto`: Gini for classification, squared error for regression. */
  criterion: 'auto' | TreeCriterion;
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  minImpurityDecrease: number;
  /** 0: no limit. */
  maxLeafNodes: number;
}

/** The option schema of {@link TreeShapeOptions} with the given defaults. */
export function treeShapeSchema(defaults: { maxDepth: number; minSamplesLeaf: number }): OptionSchema<TreeShapeOptions> {
  return {
    task: {
      type: 'enum',
      values: ['classification', 'regression'],
      default: 'classification',
      description: "Mimic the model's predicted class (classification) or its output for the target (regression)",
    },
    criterion: {
      type: 'enum',
      values: ['auto', 'gini', 'entropy', 'squared_error'],
      default: 'auto',
      description: 'Split criterion; auto is gini for classification, squared_error for regression',
    },
    maxDepth: { type: 'number', integer: true, min: 1, max: 32, default: defaults.maxDepth, description: 'Deepest root-to-leaf path of the tree' },
    minSamplesLeaf: { type: 'number', integer: true, min: 1, default: defaults.minSamplesLeaf, description: 'Fewest samples in a leaf' },
    minSamplesSplit: { type: 'number', integer: true, min: 2, default: 2, description: 'Fewest samples a node needs to be split' },
    minImpurityDecrease: {
      type: 'number',
      min: 0,
      default: 0,
      description: "Smallest weighted impurity decrease (fraction of the root's weight) a split must bring",
    },
    maxLeafNodes: { type: 'number', integer: true, min: 0, default: 0, description: 'Most leaves, grown best-first (0: no limit)' },
  };
}

/** The {@link FitTreeOptions} for resolved shape options; refuses a criterion that does not fit the task. */
export function fitOptionsOf(o: TreeShapeOptions, owner: string): FitTreeOptions {
  const criterion: TreeCriterion = o.criterion === 'auto' ? (o.task === 'classification' ? 'gini' : 'squared_error') : o.criterion;
  if ((o.task === 'regression') !== (criterion === 'squared_error')) {
    throw new InvalidOptionError(
      `Option "criterion" of ${owner}: ${criterion} does not fit task ${o.task}; expected ${o.task === 'regression' ? 'squared_error or auto' : 'gini, entropy or auto'}`,
      { option: 'criterion', expected: o.task === 'regression' ? ['squared_error', 'auto'] : ['gini', 'entropy', 'auto'], received: criterion },
    );
  }
  if (o.maxLeafNodes === 1) {
    throw new InvalidOptionError(`Option "maxLeafNodes" of ${owner}: expected 0 (no limit) or an integer ≥ 2, got 1`, { option: 'maxLeafNodes', received: 1 });
  }
  return {
    task: o.task,
    criterion,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minSamplesSplit: o.minSamplesSplit,
    minImpurityDecrease: o.minImpurityDecrease,
    maxLeafNodes: o.maxLeafNodes === 0 ? Infinity : o.maxLeafNodes,
  };
}
