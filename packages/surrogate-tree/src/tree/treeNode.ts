import { InvalidInputError } from '@glassbox/core';
import type { DecisionTree, TreeNode } from './DecisionTree';

/** Node `id` of `tree`; a tree whose child ids point past its nodes (not made by `fitTree`) is refused with `InvalidInputError`. */
export function treeNode(tree: DecisionTree, id: number): TreeNode {
  const node = tree.nodes[id];
  if (!node) throw new InvalidInputError(`The tree has no node ${id} (it has ${tree.nodes.length}); expected a DecisionTree made by fitTree`, { node: id, nodes: tree.nodes.length });
  return node;
}
