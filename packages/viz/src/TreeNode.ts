/**
 * A binary decision tree as plain data, the shape {@link renderTreeSvg} draws (surrogate trees are
 * adapted to it). Internal nodes have `feature`, `threshold`, `left` and `right`; samples with
 * `feature ≤ threshold` go **left**. Leaves have neither child. All other fields are optional and
 * shown when present.
 *
 * @example
 * ```ts
 * const tree: TreeNode = {
 *   feature: 'petal width', threshold: 0.8, samples: 150,
 *   left: { prediction: 'setosa', samples: 50, value: [50, 0, 0] },
 *   right: { prediction: 'versicolor', samples: 100, impurity: 0.5 },
 * };
 * ```
 */
export interface TreeNode {
  /** Split feature (internal nodes). */
  feature?: string;
  /** Split threshold: `feature ≤ threshold` goes left. */
  threshold?: number;
  left?: TreeNode;
  right?: TreeNode;
  /** What the node predicts: a class label, or a number for regression trees. */
  prediction?: string | number;
  /** Training samples reaching the node. */
  samples?: number;
  /** Impurity (Gini, entropy or variance) at the node. */
  impurity?: number;
  /** Raw value: a class distribution or a mean. */
  value?: number | number[];
}
