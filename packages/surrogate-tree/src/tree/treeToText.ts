import type { DecisionTree } from './DecisionTree';
import { treeNode } from './treeNode';
import { formatCondition, formatPrediction, formatSupport } from './formatNode';

/**
 * The tree as indented text, one line per branch and leaf (the layout of scikit-learn's
 * `export_text`), with each leaf's prediction and support.
 *
 * @example
 * ```ts
 * console.log(treeToText(tree));
 * // |--- worst_radius <= 16.8
 * // |   |--- benign (n = 300, 97.3% agree)
 * // |--- worst_radius > 16.8
 * // |   |--- malignant (n = 143, 95.8% agree)
 * ```
 */
export function treeToText(tree: DecisionTree): string {
  const lines: string[] = [];
  const stack: { id: number; indent: number; label?: string }[] = [{ id: 0, indent: 0 }];
  while (stack.length) {
    const { id, indent, label } = stack.pop()!;
    const node = treeNode(tree, id);
    const pad = '|   '.repeat(indent);
    if (label !== undefined) lines.push(`${pad}|--- ${label}`);
    const inner = label === undefined ? indent : indent + 1;
    if (node.feature < 0) {
      lines.push(`${'|   '.repeat(inner)}|--- ${formatPrediction(tree, node)} (${formatSupport(tree, node)})`);
      continue;
    }
    stack.push(
      { id: node.right, indent: inner, label: formatCondition(tree, node.feature, node.threshold, false) },
      { id: node.left, indent: inner, label: formatCondition(tree, node.feature, node.threshold, true) },
    );
  }
  return lines.join('\n');
}
