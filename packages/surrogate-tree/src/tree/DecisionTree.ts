/** What a tree predicts: a class (`classification`) or a number (`regression`). */
export type TreeTask = 'classification' | 'regression';

/** Split quality measure: Gini or entropy for classes, squared error for numbers. */
export type TreeCriterion = 'gini' | 'entropy' | 'squared_error';

/** How a feature is shown in rules: `binary` features (only 0 and 1 seen) read `name = 1`. */
export type FeatureKind = 'numeric' | 'binary';

/**
 * One node of a {@link DecisionTree}. Internal nodes send a sample left when
 * `x[feature] <= threshold` (compared in float32), right otherwise; leaves have `feature = -1`.
 */
export interface TreeNode {
  /** Index in `tree.nodes` (preorder: a node comes before its children, left subtree first). */
  id: number;
  /** Root is depth 0. */
  depth: number;
  /** Split feature, or -1 for a leaf. */
  feature: number;
  /** `x <= threshold` goes left; the shortest decimal in the gap between the two sides' values. */
  threshold: number;
  left: number;
  right: number;
  /** Training samples that reached the node (unweighted count). */
  samples: number;
  /** Sum of their sample weights. */
  weight: number;
  /** Criterion value at the node (weighted). */
  impurity: number;
  /** Classification: weighted class fractions (sum 1). Regression: `[mean]`. */
  value: number[];
  /** Classification: the majority class (lowest index on ties). Regression: the mean. */
  prediction: number;
  /** Regression only: weighted standard deviation of the targets at the node. */
  std?: number;
}

/**
 * A fitted CART tree as plain JSON-safe data: save it with `JSON.stringify`, render it with
 * `treeToText`, `treeRules` or `toRenderTree`, and apply it with `predictTree`.
 *
 * @example
 * ```ts
 * const tree = fitTree([[1], [2], [8], [9]], [0, 0, 1, 1], { task: 'classification' });
 * tree.nodes[0].threshold; // 5 (x <= 5 goes left: the shortest number between 2 and 8)
 * tree.leaves;             // 2
 * ```
 */
export interface DecisionTree {
  format: 'glassbox-decision-tree';
  version: 1;
  task: TreeTask;
  criterion: TreeCriterion;
  featureNames: string[];
  featureKinds: FeatureKind[];
  /** Classification: one name per class index. */
  classNames?: string[];
  /** What the tree predicts, for rule text (e.g. `P(malignant)`; default `value`/`class`). */
  targetName?: string;
  /** Preorder; `nodes[0]` is the root. */
  nodes: TreeNode[];
  /** Longest root-to-leaf path in edges. */
  depth: number;
  leaves: number;
  /** Normalised total weighted impurity decrease per feature (sums to 1 unless the tree is a single leaf). */
  featureImportances: number[];
}
