import type { DecisionTree } from '../tree/DecisionTree';
import { treeNode } from '../tree/treeNode';

/**
 * A tree node as nested plain data: the structural shape `@glassbox/viz`'s `renderTreeSvg` draws
 * (declared here so this package needs no viz dependency). `feature <= threshold` goes left.
 */
export interface RenderTreeNode {
  feature?: string;
  threshold?: number;
  left?: RenderTreeNode;
  right?: RenderTreeNode;
  prediction?: string | number;
  samples?: number;
  impurity?: number;
  value?: number | number[];
}

/** Options of {@link toRenderTree}. */
export interface ToRenderTreeOptions {
  /** Include each node's impurity (default false). */
  impurity?: boolean | undefined;
  /** Include class fractions (classification) or the mean (regression), rounded to 3 decimals (default true). */
  value?: boolean | undefined;
}

/**
 * Converts a {@link DecisionTree} to nested nodes for drawing: feature names, thresholds, samples,
 * class names (or means) as predictions.
 *
 * @example
 * ```ts
 * import { renderTreeSvg } from '@glassbox/viz';
 * const svg = renderTreeSvg(toRenderTree(e.data.tree), { title: 'Surrogate of the model' });
 * ```
 */
export function toRenderTree(tree: DecisionTree, options: ToRenderTreeOptions = {}): RenderTreeNode {
  const { impurity = false, value = true } = options;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const build = (id: number): RenderTreeNode => {
    const n = treeNode(tree, id);
    const out: RenderTreeNode = {
      samples: n.samples,
      prediction: tree.task === 'classification' ? (tree.classNames?.[n.prediction] ?? `class ${n.prediction}`) : round(n.prediction),
    };
    if (impurity) out.impurity = round(n.impurity);
    if (value) out.value = tree.task === 'classification' ? n.value.map(round) : round(n.prediction);
    if (n.feature >= 0) {
      out.feature = tree.featureNames[n.feature]!;
      out.threshold = n.threshold;
      out.left = build(n.left);
      out.right = build(n.right);
    }
    return out;
  };
  return build(0);
}
