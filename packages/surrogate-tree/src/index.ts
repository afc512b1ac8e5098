// Explainers
export { surrogateTree, type SurrogateTreeOptions, type SurrogateTreeData } from './explainer/surrogateTree';
export {
  surrogateTreeLocal,
  type SurrogateTreeLocalOptions,
  type SurrogateTreeLocalData,
  type LocalSurrogate,
  type LocalPathStep,
} from './explainer/surrogateTreeLocal';
export type { TreeShapeOptions } from './explainer/treeShapeOptions';
// CART
export type { DecisionTree, TreeNode, TreeTask, TreeCriterion, FeatureKind } from './tree/DecisionTree';
export type { Matrix } from './tree/Matrix';
export { fitTree } from './tree/fitTree';
export type { FitTreeOptions } from './tree/resolveTreeOptions';
export { predictTree, applyTree, decisionPath, type PathStep } from './tree/predictTree';
export { treeToText } from './tree/treeToText';
export { treeRules, type TreeRule, type RuleCondition } from './tree/treeRules';
// Fidelity
export { accuracy, r2Score } from './metrics/fidelity';
// Rows
export { splitRows, stratifiedSplit, takeRows } from './data/splitRows';
// CSV: moved to @glassbox/core (readCsv to @glassbox/core/node); re-exported here for compatibility.
export { parseCsv, checkCsvColumns, type CsvTable, type ParseCsvOptions, type CheckCsvColumnsOptions } from '@glassbox/core';
// Drawing
export { toRenderTree, type RenderTreeNode, type ToRenderTreeOptions } from './render/toRenderTree';
