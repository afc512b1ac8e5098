import type { Explanation } from '@glassbox/core';
import {
  createImage,
  drawText,
  GLYPH_HEIGHT,
  INK,
  renderGrid,
  renderHeatmap,
  renderInputImage,
  stackImages,
  textWidth,
  upscale,
  WHITE,
  type GridCell,
  type Image,
} from '@glassbox/viz';

/** One method's column in the figure. */
export interface FigureColumn {
  title: string;
  explanation: Explanation;
  /** Signed (diverging map centred on zero) or absolute (sequential map). */
  signed: boolean;
}

const SCALE = 4;

const textLine = (text: string): Image => {
  const img = createImage(textWidth(text) + 2, GLYPH_HEIGHT + 2, WHITE);
  drawText(img, text, 1, 1, INK);
  return img;
};

/**
 * The main job's picture: one row per digit (its label on the left), the digit itself, then one
 * heatmap per method: sequential colours for absolute maps, diverging (blue < 0 < red, white 0) for
 * signed ones. Each map is scaled on its own (99th percentile of its |values|), because confident
 * predictions saturate the sigmoid and leave gradients orders of magnitude smaller than uncertain
 * ones; the legend under each column is therefore in percent of each map's own range.
 */
export function renderDigitFigure(columns: FigureColumn[], rowLabels: string[], title: string, notes: string[]): Image {
  const n = rowLabels.length;
  const cells = columns.map((c) => {
    const per = c.explanation.attributions.length / c.explanation.attributionShape[0]!;
    return Array.from({ length: n }, (_, i): GridCell =>
      renderHeatmap(c.explanation.attributions.subarray(i * per, (i + 1) * per), 28, 28, { signed: c.signed, scale: SCALE }),
    );
  });
  const rows = rowLabels.map((label, i) => ({
    label,
    images: [upscale(renderInputImage(columns[0]!.explanation, i, { imageShape: [28, 28] }), SCALE), ...cells.map((col) => col[i]!)],
  }));
  const grid = renderGrid(rows, { columns: ['digit', ...columns.map((c) => c.title)] });
  return stackImages([grid, ...notes.map(textLine)], { title, gap: 6, pad: 8 });
}
