import type { DecisionTree, FeatureKind, TreeNode } from './DecisionTree';
import { niceThreshold } from './niceThreshold';
import type { FitTreeOptions, ResolvedTreeOptions } from './resolveTreeOptions';
import type { GrowingNode } from './SplitQueue';

/** Numbers the grown nodes in preorder and packages the tree. */
export function assembleTree(root: GrowingNode, o: ResolvedTreeOptions, featureKinds: FeatureKind[], options: FitTreeOptions): DecisionTree {
  const p = featureKinds.length;
  const nodes: TreeNode[] = [];
  const importances = new Array<number>(p).fill(0);
  let depth = 0;
  let leaves = 0;
  const stack: { b: GrowingNode; parent: number; side: 'left' | 'right' | null }[] = [{ b: root, parent: -1, side: null }];
  while (stack.length) {
    const { b, parent, side } = stack.pop()!;
    const s = b.stats;
    const node: TreeNode = {
      id: nodes.length,
      depth: b.depth,
      feature: -1,
      threshold: 0,
      left: -1,
      right: -1,
      samples: s.samples,
      weight: s.weight,
      impurity: s.impurity,
      value: s.value,
      prediction: s.prediction,
      ...(s.std !== undefined ? { std: s.std } : {}),
    };
    nodes.push(node);
    if (parent >= 0) nodes[parent]![side!] = node.id;
    depth = Math.max(depth, b.depth);
    if (b.children) {
      node.feature = b.split!.feature;
      node.threshold = niceThreshold(b.split!.lo, b.split!.hi);
      importances[node.feature]! += b.split!.decrease;
      stack.push({ b: b.children[1], parent: node.id, side: 'right' }, { b: b.children[0], parent: node.id, side: 'left' });
    } else {
      leaves++;
    }
  }
  const total = importances.reduce((a, b) => a + b, 0);
  const nClasses = o.task === 'classification' ? root.stats.value.length : 0;
  return {
    format: 'glassbox-decision-tree',
    version: 1,
    task: o.task,
    criterion: o.criterion,
    featureNames: options.featureNames ? [...options.featureNames] : Array.from({ length: p }, (_, i) => `x${i}`),
    featureKinds,
    ...(o.task === 'classification'
      ? { classNames: options.classNames ? [...options.classNames] : Array.from({ length: nClasses }, (_, k) => `class ${k}`) }
      : {}),
    ...(options.targetName ? { targetName: options.targetName } : {}),
    nodes,
    depth,
    leaves,
    featureImportances: importances.map((v) => (total > 0 ? v / total : 0)),
  };
}
