import type { DecisionTree } from './DecisionTree';
import { treeNode } from './treeNode';
import { formatPrediction, formatSupport, isBinarySplit } from './formatNode';

/** A condition of a rule on one feature, the path's tests on it merged into one range or value. */
export interface RuleCondition {
  feature: number;
  name: string;
  /** `x > greaterThan` (the tightest such test on the path). */
  greaterThan?: number;
  /** `x <= atMost`. */
  atMost?: number;
  /** Binary features: `x = equals`. */
  equals?: 0 | 1;
  /** `worst_radius > 16.8`, `12 < age <= 30`, `Purpose.NewCar = 1`. */
  text: string;
}

/** The rule of one leaf: the conditions that lead to it and what it predicts. JSON-safe. */
export interface TreeRule {
  leaf: number;
  conditions: RuleCondition[];
  /** Class index or mean. */
  prediction: number;
  /** Class name, or `value = 0.873` for regression. */
  label: string;
  samples: number;
  weight: number;
  /** Classification: weighted fraction of the leaf's samples whose class is the prediction. */
  agreement?: number;
  /** Regression: weighted standard deviation at the leaf. */
  std?: number;
  /** `if worst_radius > 16.8 and … then malignant (n = 143, 97.2% agree)`. */
  text: string;
}

/**
 * One rule per leaf, in tree order (left to right). Repeated tests of a feature on a path are
 * merged (`x > 3` and `x > 5` → `x > 5`; `x > 3` and `x <= 9` → `3 < x <= 9`), in the order the
 * path first tests them.
 *
 * @example
 * ```ts
 * for (const r of treeRules(tree)) console.log(r.text);
 * // if worst_radius <= 16.8 and worst_concave_points <= 0.136 then benign (n = 300, 98.3% agree)
 * ```
 */
export function treeRules(tree: DecisionTree): TreeRule[] {
  const rules: TreeRule[] = [];
  type Test = { feature: number; threshold: number; left: boolean };
  const stack: { id: number; path: Test[] }[] = [{ id: 0, path: [] }];
  while (stack.length) {
    const { id, path } = stack.pop()!;
    const node = treeNode(tree, id);
    if (node.feature >= 0) {
      stack.push(
        { id: node.right, path: [...path, { feature: node.feature, threshold: node.threshold, left: false }] },
        { id: node.left, path: [...path, { feature: node.feature, threshold: node.threshold, left: true }] },
      );
      continue;
    }
    const merged = new Map<number, RuleCondition>();
    for (const t of path) {
      const c: RuleCondition = merged.get(t.feature) ?? { feature: t.feature, name: tree.featureNames[t.feature]!, text: '' };
      if (isBinarySplit(tree, t.feature, t.threshold)) c.equals = t.left ? 0 : 1;
      else if (t.left) c.atMost = c.atMost === undefined ? t.threshold : Math.min(c.atMost, t.threshold);
      else c.greaterThan = c.greaterThan === undefined ? t.threshold : Math.max(c.greaterThan, t.threshold);
      merged.set(t.feature, c);
    }
    const conditions = [...merged.values()].map((c) => ({ ...c, text: conditionText(c) }));
    const label = formatPrediction(tree, node);
    const head = conditions.length ? `if ${conditions.map((c) => c.text).join(' and ')} then` : 'always';
    rules.push({
      leaf: id,
      conditions,
      prediction: node.prediction,
      label,
      samples: node.samples,
      weight: node.weight,
      ...(tree.task === 'classification' ? { agreement: node.value[node.prediction]! } : { std: node.std ?? Math.sqrt(node.impurity) }),
      text: `${head} ${label} (${formatSupport(tree, node)})`,
    });
  }
  return rules;
}

function conditionText(c: RuleCondition): string {
  if (c.equals !== undefined) return `${c.name} = ${c.equals}`;
  if (c.greaterThan !== undefined && c.atMost !== undefined) return `${c.greaterThan} < ${c.name} <= ${c.atMost}`;
  if (c.greaterThan !== undefined) return `${c.name} > ${c.greaterThan}`;
  return `${c.name} <= ${c.atMost}`;
}
