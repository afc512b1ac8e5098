import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import type { ColorScale } from './ColorScale';
import { createImage, INK, WHITE, type Image } from './Image';
import { blit } from './imageOps';
import type { Heatmap } from './renderHeatmap';
import { renderLegend } from './renderLegend';

/** A grid cell: a plain picture (e.g. the input) or a heatmap, whose scale feeds its column's legend. */
export type GridCell = Image | Heatmap;

/** One row of a grid: a label on the left and its pictures left to right. */
export interface GridRow {
  label: string;
  images: GridCell[];
}

/** Options of {@link renderGrid}. */
export interface GridOptions {
  /** Column titles. */
  columns?: string[] | undefined;
  /** One legend under each column of heatmaps (default true). */
  legend?: boolean | undefined;
  /** Pixels between cells (default 6). */
  gap?: number | undefined;
}

const isHeatmap = (c: GridCell): c is Heatmap => 'colorScale' in c;
const imageOf = (c: GridCell): Image => (isHeatmap(c) ? c.image : c);
const sameScale = (a: ColorScale, b: ColorScale) => a.min === b.min && a.max === b.max && a.colormap === b.colormap && a.signed === b.signed;

/**
 * Lays pictures out side by side: rows (e.g. examples) with labels on the left, columns (e.g.
 * input | saliency | SmoothGrad | IG) with titles on top, and one legend per column of heatmaps.
 * When a column's heatmaps share one scale the legend shows its numbers; when each was scaled on
 * its own it shows percent of each picture's range.
 *
 * @example
 * ```ts
 * const grid = renderGrid(
 *   [{ label: '#0 y=3', images: [digit, heatSaliency, heatIg] }],
 *   { columns: ['input', 'saliency', 'integrated-gradients'] },
 * );
 * await fs.writeFile('grid.png', encodePng(grid));
 * ```
 */
export function renderGrid(rows: GridRow[], options: GridOptions = {}): Image {
  const gap = options.gap ?? 6, pad = 4;
  const ncols = Math.max(0, ...rows.map((r) => r.images.length));
  const colW = Array.from({ length: ncols }, (_, c) => Math.max(
    Math.min(textWidth(options.columns?.[c] ?? ''), 150),
    ...rows.map((r) => (r.images[c] ? imageOf(r.images[c]).width : 0)),
  ));
  const rowH = rows.map((r) => Math.max(GLYPH_HEIGHT, ...r.images.map((c) => imageOf(c).height)));
  const labels = rows.map((r) => fitText(r.label, 96));
  const labelW = Math.max(0, ...labels.map((l) => textWidth(l)));
  const left = pad + (labelW ? labelW + gap : 0);
  const top = pad + (options.columns?.length ? GLYPH_HEIGHT + gap : 0);
  const legends = colW.map((w, c) => {
    if (options.legend === false) return undefined;
    const scales = rows.map((r) => r.images[c]).filter((x): x is Heatmap => !!x && isHeatmap(x)).map((h) => h.colorScale);
    const [firstScale] = scales;
    if (!firstScale) return undefined;
    const cellW = Math.max(0, ...rows.map((r) => { const cell = r.images[c]; return cell ? imageOf(cell).width : 0; }));
    return renderLegend(firstScale, { width: Math.max(cellW, 24), relative: !scales.every((s) => sameScale(s, firstScale)) });
  });
  const legendH = Math.max(0, ...legends.map((l) => l?.height ?? 0));
  const colX: number[] = [];
  colW.reduce((x, w, c) => ((colX[c] = x), x + w + gap), left);
  const width = Math.max(left + colW.reduce((s, w) => s + w + gap, 0) - gap + pad, left + pad);
  const bodyH = rowH.reduce((s, h) => s + h + gap, 0) - (rows.length ? gap : 0);
  const height = top + bodyH + (legendH ? gap + legendH : 0) + pad;
  const out = createImage(width, height, WHITE);
  options.columns?.slice(0, ncols).forEach((title, c) => {
    const t = fitText(title, colW[c]!);
    drawText(out, t, colX[c]! + Math.floor((colW[c]! - textWidth(t)) / 2), pad, INK);
  });
  let y = top;
  rows.forEach((r, i) => {
    drawText(out, labels[i]!, pad, y + Math.floor((rowH[i]! - GLYPH_HEIGHT) / 2), INK);
    r.images.forEach((cell, c) => {
      const img = imageOf(cell);
      blit(out, img, colX[c]! + Math.floor((colW[c]! - img.width) / 2), y + Math.floor((rowH[i]! - img.height) / 2));
    });
    y += rowH[i]! + gap;
  });
  legends.forEach((l, c) => l && blit(out, l, colX[c]! + Math.floor((colW[c]! - l.width) / 2), top + bodyH + gap));
  return out;
}
