import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { colorScaleFor, scalePosition } from './ColorScale';
import { colorAt, colormap } from './colormaps';
import { createImage, INK, WHITE, type Image } from './Image';
import { blit, fillRect } from './imageOps';
import type { Heatmap } from './renderHeatmap';
import { renderLegend } from './renderLegend';
import { stackImages } from './stackImages';
import { flattenMatrix, type AttentionOptions, type MatrixInput } from './attentionLayout';

/**
 * Pictures an attention matrix (rows: query tokens, columns: key tokens) with token labels on the
 * left and, rotated, on top, drawn with the built-in bitmap font; a legend below.
 *
 * @example
 * ```ts
 * const { image } = renderAttentionMatrixImage([[0.9, 0.1], [0.3, 0.7]], ['hello', 'world']);
 * ```
 */
export function renderAttentionMatrixImage(matrix: MatrixInput, tokens: readonly string[], options: AttentionOptions = {}): Heatmap {
  const colTokens = options.columnTokens ?? tokens;
  const rows = tokens.length, cols = colTokens.length, cell = options.cell ?? 14;
  const values = flattenMatrix(matrix, rows, cols);
  const s = colorScaleFor(values, { clip: options.clip ?? 100, colormap: options.colormap ?? 'viridis', range: options.range, signed: false });
  const map = colormap(s.colormap);
  const rowLabels = tokens.map((t) => fitText(t, 72));
  const colLabels = colTokens.map((t) => fitText(t, 72));
  const leftW = Math.max(0, ...rowLabels.map((l) => textWidth(l))) + 4;
  const topH = Math.max(0, ...colLabels.map((l) => textWidth(l))) + 4;
  const img = createImage(leftW + cols * cell, topH + rows * cell, WHITE);
  for (let r = 0; r < rows; r++) {
    drawText(img, rowLabels[r]!, leftW - 4 - textWidth(rowLabels[r]!), topH + r * cell + Math.floor((cell - GLYPH_HEIGHT) / 2), INK);
    for (let c = 0; c < cols; c++) fillRect(img, leftW + c * cell, topH + r * cell, cell, cell, colorAt(map, scalePosition(s, values[r * cols + c]!)));
  }
  colLabels.forEach((label, c) => {
    const rotated = rotateLeft(textImage(label));
    blit(img, rotated, leftW + c * cell + Math.floor((cell - GLYPH_HEIGHT) / 2), topH - 4 - rotated.height);
  });
  const parts = [img];
  if (options.legend !== false) parts.push(renderLegend(s, { width: Math.max(84, cols * cell) }));
  return { image: stackImages(parts, { title: options.title }), colorScale: s };
}

function textImage(text: string): Image {
  const img = createImage(Math.max(1, textWidth(text)), GLYPH_HEIGHT);
  drawText(img, text, 0, 0, INK);
  return img;
}

/** Rotates 90° counter-clockwise (text then reads bottom to top). */
function rotateLeft(src: Image): Image {
  const out = createImage(src.height, src.width);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const i = (y * src.width + x) * 4, j = ((src.width - 1 - x) * out.width + y) * 4;
      out.data.set(src.data.subarray(i, i + 4), j);
    }
  }
  return out;
}
