import { encodePng } from './encodePng';
import { renderTreeImage, type TreeImageOptions } from './renderTreeImage';
import type { TreeNode } from './TreeNode';

/**
 * {@link renderTreeImage} encoded as PNG bytes.
 * @example `await fs.writeFile('tree.png', renderTreePng(tree, { title: 'surrogate' }));`
 */
export function renderTreePng(tree: TreeNode, options: TreeImageOptions = {}): Uint8Array {
  return encodePng(renderTreeImage(tree, options));
}
