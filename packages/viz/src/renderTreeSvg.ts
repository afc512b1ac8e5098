import { formatNumber } from './ColorScale';
import { colorAt, colormap, cssColorAt } from './colormaps';
import { escapeHtml } from './escapeHtml';
import { OKABE_ITO } from './okabeIto';
import { num, svgOpen } from './svg';
import type { TreeNode } from './TreeNode';

/** Options of {@link renderTreeSvg}. */
export interface TreeSvgOptions {
  /** Title above the tree. */
  title?: string | undefined;
  /** Node box width in px (default 150). */
  nodeWidth?: number | undefined;
  /** Deepest level drawn; deeper subtrees are cut with "…" (default 8). */
  maxDepth?: number | undefined;
}

interface Placed { node: TreeNode; x: number; depth: number; lines: string[]; children: Placed[] }

const isLeaf = (n: TreeNode) => !n.left && !n.right;

/**
 * Draws a decision tree (see {@link TreeNode}) as SVG, top-down: internal nodes show their split
 * `feature ≤ threshold`, every node its samples, impurity and prediction; left edges are "yes",
 * right edges "no". Leaves are tinted by prediction (Okabe–Ito colours for class labels, viridis
 * for numbers). All text is escaped.
 *
 * @example
 * ```ts
 * const svg = renderTreeSvg({ feature: 'x0', threshold: 0.5, left: { prediction: 'a' }, right: { prediction: 'b' } });
 * ```
 */
export function renderTreeSvg(tree: TreeNode, options: TreeSvgOptions = {}): string {
  const boxW = options.nodeWidth ?? 150, gapX = 16, levelH = 92, lineH = 14;
  const maxDepth = options.maxDepth ?? 8;
  let nextLeaf = 0;
  const classes: string[] = [];
  const numbers: number[] = [];
  const place = (node: TreeNode, depth: number): Placed => {
    const lines: string[] = [];
    const cut = depth >= maxDepth && !isLeaf(node);
    if (!isLeaf(node) && !cut) lines.push(`${node.feature ?? '?'} ≤ ${node.threshold === undefined ? '?' : formatNumber(node.threshold, 6)}`);
    if (node.samples !== undefined) lines.push(`samples = ${node.samples}`);
    if (node.impurity !== undefined) lines.push(`impurity = ${formatNumber(node.impurity, 3)}`);
    if (node.value !== undefined) lines.push(`value = ${Array.isArray(node.value) ? `[${node.value.map((x) => formatNumber(x)).join(', ')}]` : formatNumber(node.value)}`);
    if (node.prediction !== undefined) lines.push(`→ ${typeof node.prediction === 'number' ? formatNumber(node.prediction, 4) : node.prediction}`);
    if (cut) lines.push('…');
    if (typeof node.prediction === 'string' && !classes.includes(node.prediction)) classes.push(node.prediction);
    if (typeof node.prediction === 'number') numbers.push(node.prediction);
    const children = cut ? [] : [node.left, node.right].filter((c): c is TreeNode => !!c).map((c) => place(c, depth + 1));
    const x = children.length ? children.reduce((s, c) => s + c.x, 0) / children.length : nextLeaf++;
    return { node, x, depth, lines, children };
  };
  const root = place(tree, 0);
  const all: Placed[] = [];
  const walk = (p: Placed) => { all.push(p); p.children.forEach(walk); };
  walk(root);
  const boxH = Math.max(...all.map((p) => p.lines.length)) * lineH + 10;
  const depth = Math.max(...all.map((p) => p.depth));
  const top = options.title ? 26 : 8;
  const width = Math.max(1, nextLeaf) * (boxW + gapX) + gapX;
  const height = top + depth * levelH + boxH + 8;
  const cx = (p: Placed) => gapX + p.x * (boxW + gapX) + boxW / 2;
  const cy = (p: Placed) => top + p.depth * levelH;
  const lo = Math.min(...numbers), hi = Math.max(...numbers);
  const viridis = colormap('viridis');
  const fill = (n: TreeNode): [string, string] => {
    if (!isLeaf(n) || n.prediction === undefined) return ['#f3f3f3', '#222'];
    if (typeof n.prediction === 'string') {
      const hex = OKABE_ITO[classes.indexOf(n.prediction) % OKABE_ITO.length]!;
      const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16);
      const r = channel(1), g = channel(3), b = channel(5);
      return [hex, r * 0.299 + g * 0.587 + b * 0.114 > 140 ? '#111' : '#fff'];
    }
    const t = hi > lo ? (n.prediction - lo) / (hi - lo) : 0.5;
    const [r, g, b] = colorAt(viridis, t);
    return [cssColorAt(viridis, t), r * 0.299 + g * 0.587 + b * 0.114 > 140 ? '#111' : '#fff'];
  };
  const out = [svgOpen(width, height, options.title ? escapeHtml(options.title) : 'decision tree')];
  if (options.title) out.push(`<text x="8" y="17" font-size="13" font-weight="bold">${escapeHtml(options.title)}</text>`);
  for (const p of all) {
    p.children.forEach((c, i) => {
      out.push(`<line x1="${num(cx(p))}" y1="${num(cy(p) + boxH)}" x2="${num(cx(c))}" y2="${num(cy(c))}" stroke="#888"/>`);
      const mx = (cx(p) + cx(c)) / 2, my = (cy(p) + boxH + cy(c)) / 2;
      out.push(`<text x="${num(mx + (i === 0 ? -6 : 6))}" y="${num(my)}" text-anchor="${i === 0 ? 'end' : 'start'}" fill="#555">${i === 0 ? 'yes' : 'no'}</text>`);
    });
  }
  for (const p of all) {
    const [bg, ink] = fill(p.node);
    const x = cx(p) - boxW / 2, y = cy(p);
    out.push(`<g><rect x="${num(x)}" y="${num(y)}" width="${boxW}" height="${boxH}" rx="5" fill="${bg}" stroke="#666"/>`);
    p.lines.forEach((l, i) => out.push(`<text x="${num(cx(p))}" y="${num(y + 16 + i * lineH)}" text-anchor="middle" fill="${ink}">${escapeHtml(l)}</text>`));
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}
