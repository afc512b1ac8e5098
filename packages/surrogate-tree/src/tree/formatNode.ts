import type { DecisionTree, TreeNode } from './DecisionTree';

/** A number in at most `digits` significant digits, without trailing zeros. */
export const formatNumber = (v: number, digits = 3): string => {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(digits)));
  return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
};

/** A fraction as a percentage that never rounds up to 100% (0.996 → 99.6%). */
export const formatPercent = (q: number): string => (q >= 1 ? '100%' : `${Math.floor(q * 1000) / 10}%`);

/** True when the split on `feature` reads better as `= 0 / = 1` (a binary feature split between 0 and 1). */
export const isBinarySplit = (tree: DecisionTree, feature: number, threshold: number): boolean =>
  tree.featureKinds[feature] === 'binary' && threshold >= 0 && threshold < 1;

/**
 * One side of a split as text: `worst_radius <= 16.8`, `worst_radius > 16.8`, or for binary
 * features `Purpose.NewCar = 0` / `= 1`. Thresholds print exactly (they are chosen short).
 */
export function formatCondition(tree: DecisionTree, feature: number, threshold: number, left: boolean): string {
  const name = tree.featureNames[feature];
  if (isBinarySplit(tree, feature, threshold)) return `${name} = ${left ? 0 : 1}`;
  return `${name} ${left ? '<=' : '>'} ${threshold}`;
}

/** What a leaf predicts, as text: the class name, or `value = 0.873` for regression. */
export function formatPrediction(tree: DecisionTree, node: TreeNode): string {
  if (tree.task === 'classification') return tree.classNames?.[node.prediction] ?? `class ${node.prediction}`;
  return `${tree.targetName ?? 'value'} = ${formatNumber(node.prediction)}`;
}

/** The support of a leaf: `n = 143, 97.2% agree` (classification) or `n = 143, sd 0.051` (regression). */
export function formatSupport(tree: DecisionTree, node: TreeNode): string {
  if (tree.task === 'classification') return `n = ${node.samples}, ${formatPercent(node.value[node.prediction]!)} agree`;
  return `n = ${node.samples}, sd ${formatNumber(node.std ?? Math.sqrt(node.impurity))}`;
}
