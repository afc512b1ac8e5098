import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { formatNumber } from './ColorScale';
import { colorAt, colormap } from './colormaps';
import { drawLine } from './drawLine';
import { createImage, WHITE, type Image, type Rgba } from './Image';
import { fillRect } from './imageOps';
import { inkOn } from './inkOn';
import { OKABE_ITO } from './okabeIto';
import { renderLegend } from './renderLegend';
import { stackImages } from './stackImages';
import type { TreeNode } from './TreeNode';
import { invalidInput, invalidOption } from './vizError';

/** Options of {@link renderTreeImage} / {@link renderTreePng}. */
export interface TreeImageOptions {
  /** Title above the tree. */
  title?: string | undefined;
  /** Deepest level drawn; deeper subtrees are cut with "..." (default 8). */
  maxDepth?: number | undefined;
  /** Magnification of the node text, an integer 1–3 (default 1). */
  textScale?: number | undefined;
  /** Widest a node box may be, in pixels; longer lines are shortened (default 240 × textScale). */
  maxNodeWidth?: number | undefined;
}

interface Placed { node: TreeNode; x: number; depth: number; lines: string[]; children: Placed[] }

const isLeaf = (n: TreeNode) => !n.left && !n.right;
const NODE_FILL: Rgba = [243, 243, 243, 255];
const BORDER: Rgba = [102, 102, 102, 255];
const EDGE: Rgba = [136, 136, 136, 255];
const EDGE_LABEL: Rgba = [85, 85, 85, 255];

/**
 * Draws a decision tree (see {@link TreeNode}) as a PNG-ready image with the built-in bitmap font,
 * top-down like {@link renderTreeSvg}: internal nodes show their split `feature <= threshold`,
 * every node its samples, impurity, value and prediction (`-> label`); edges to left children are
 * labelled "yes", to right children "no". Leaves are tinted by prediction: Okabe–Ito colours for
 * class labels, viridis for numbers (with a legend of the predicted range).
 *
 * @example
 * ```ts
 * const img = renderTreeImage({ feature: 'x0', threshold: 0.5, left: { prediction: 'a' }, right: { prediction: 'b' } });
 * await fs.writeFile('tree.png', encodePng(img));
 * ```
 */
export function renderTreeImage(tree: TreeNode, options: TreeImageOptions = {}): Image {
  if (!tree || typeof tree !== 'object') throw invalidInput(`renderTreeImage needs a TreeNode object; got ${tree === null ? 'null' : typeof tree}`);
  const s = options.textScale ?? 1;
  if (!(Number.isInteger(s) && s >= 1 && s <= 3)) throw invalidOption(`textScale must be an integer from 1 to 3; got ${s}`, { textScale: s });
  const maxDepth = options.maxDepth ?? 8;
  if (!(Number.isInteger(maxDepth) && maxDepth >= 0)) throw invalidOption(`maxDepth must be a non-negative integer; got ${maxDepth}`, { maxDepth });
  const maxNodeWidth = options.maxNodeWidth ?? 240 * s;
  const classes: string[] = [];
  const numbers: number[] = [];
  let nextLeaf = 0;
  const place = (node: TreeNode, depth: number): Placed => {
    const lines: string[] = [];
    const cut = depth >= maxDepth && !isLeaf(node);
    if (!isLeaf(node) && !cut) lines.push(`${node.feature ?? '?'} <= ${node.threshold === undefined ? '?' : formatNumber(node.threshold, 6)}`);
    if (node.samples !== undefined) lines.push(`samples = ${node.samples}`);
    if (node.impurity !== undefined) lines.push(`impurity = ${formatNumber(node.impurity, 3)}`);
    if (node.value !== undefined) lines.push(`value = ${Array.isArray(node.value) ? `[${node.value.map((v) => formatNumber(v)).join(', ')}]` : formatNumber(node.value)}`);
    if (node.prediction !== undefined) lines.push(`-> ${typeof node.prediction === 'number' ? formatNumber(node.prediction, 4) : node.prediction}`);
    if (cut) lines.push('...');
    if (typeof node.prediction === 'string' && !classes.includes(node.prediction)) classes.push(node.prediction);
    if (typeof node.prediction === 'number' && isLeaf(node)) numbers.push(node.prediction);
    const children = cut ? [] : [node.left, node.right].filter((c): c is TreeNode => !!c).map((c) => place(c, depth + 1));
    const x = children.length ? children.reduce((sum, c) => sum + c.x, 0) / children.length : nextLeaf++;
    return { node, x, depth, lines: lines.map((l) => l.replace(/\s/g, ' ')), children };
  };
  const root = place(tree, 0);
  const all: Placed[] = [];
  const walk = (p: Placed) => { all.push(p); p.children.forEach(walk); };
  walk(root);

  const padX = 4 * s, padY = 3 * s, lineH = (GLYPH_HEIGHT + 3) * s, gapX = 12, gapY = 30;
  const widest = Math.max(0, ...all.flatMap((p) => p.lines.map((l) => textWidth(l, s))));
  const boxW = Math.max(24, Math.min(maxNodeWidth, widest + 2 * padX));
  const boxH = Math.max(1, ...all.map((p) => p.lines.length)) * lineH - 3 * s + 2 * padY;
  const levels = Math.max(...all.map((p) => p.depth)) + 1;
  const img = createImage(Math.max(1, nextLeaf) * (boxW + gapX) + gapX, levels * boxH + (levels - 1) * gapY + 2, WHITE);
  const left = (p: Placed) => gapX + Math.round(p.x * (boxW + gapX));
  const top = (p: Placed) => 1 + p.depth * (boxH + gapY);
  const cx = (p: Placed) => left(p) + Math.floor(boxW / 2);

  const lo = Math.min(...numbers), hi = Math.max(...numbers);
  const viridis = colormap('viridis');
  const fill = (n: TreeNode): Rgba => {
    if (!isLeaf(n) || n.prediction === undefined) return NODE_FILL;
    if (typeof n.prediction === 'string') {
      const hex = OKABE_ITO[classes.indexOf(n.prediction) % OKABE_ITO.length]!;
      const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16);
      const r = channel(1), g = channel(3), b = channel(5);
      return [r, g, b, 255];
    }
    return colorAt(viridis, hi > lo ? (n.prediction - lo) / (hi - lo) : 0.5);
  };

  for (const p of all) {
    p.children.forEach((c, i) => {
      const x0 = cx(p), y0 = top(p) + boxH, x1 = cx(c), y1 = top(c) - 1;
      drawLine(img, x0, y0, x1, y1, EDGE);
      // The label sits on the edge's midpoint, on a white patch that interrupts the line.
      const label = i === 0 ? 'yes' : 'no', w = textWidth(label);
      const lx = Math.round((x0 + x1) / 2 - w / 2), ly = Math.round((y0 + y1) / 2 - GLYPH_HEIGHT / 2);
      fillRect(img, lx - 2, ly - 2, w + 4, GLYPH_HEIGHT + 4, WHITE);
      drawText(img, label, lx, ly, EDGE_LABEL);
    });
  }
  for (const p of all) {
    const bg = fill(p.node), ink = inkOn(bg), x = left(p), y = top(p);
    fillRect(img, x, y, boxW, boxH, BORDER);
    fillRect(img, x + 1, y + 1, boxW - 2, boxH - 2, bg);
    p.lines.forEach((raw, i) => {
      const line = fitText(raw, boxW - 2 * padX, s);
      drawText(img, line, x + Math.floor((boxW - textWidth(line, s)) / 2), y + padY + i * lineH, ink, s);
    });
  }
  const parts = [img];
  if (numbers.length > 0 && classes.length === 0) {
    parts.push(renderLegend({ signed: false, min: lo, max: hi, colormap: 'viridis', clip: 100 }, { width: Math.min(img.width, 160) }));
  }
  return stackImages(parts, { title: options.title, gap: 6 });
}
