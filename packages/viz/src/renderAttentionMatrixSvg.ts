import { colorScaleFor, formatNumber, scalePosition } from './ColorScale';
import { colormap, cssColorAt } from './colormaps';
import { escapeHtml } from './escapeHtml';
import { flattenMatrix, type AttentionOptions, type MatrixInput } from './attentionLayout';
import { approxTextWidth, num, svgOpen } from './svg';
import { svgLegend } from './svgLegend';

/**
 * An attention matrix as SVG: one square per (query, key) pair with its weight as a tooltip, token
 * labels (escaped) on the left and rotated on top, a gradient legend below.
 *
 * @example
 * ```ts
 * document.body.insertAdjacentHTML('beforeend', renderAttentionMatrixSvg(weights, tokens));
 * ```
 */
export function renderAttentionMatrixSvg(matrix: MatrixInput, tokens: readonly string[], options: AttentionOptions = {}): string {
  const colTokens = options.columnTokens ?? tokens;
  const rows = tokens.length, cols = colTokens.length, cell = options.cell ?? 18;
  const values = flattenMatrix(matrix, rows, cols);
  const s = colorScaleFor(values, { clip: options.clip ?? 100, colormap: options.colormap ?? 'viridis', range: options.range, signed: false });
  const map = colormap(s.colormap);
  const clipLabel = (t: string) => ([...t].length > 16 ? [...t].slice(0, 15).join('') + '…' : t);
  const titleH = options.title ? 20 : 0;
  const left = 8 + Math.max(0, ...tokens.map((t) => approxTextWidth(clipLabel(t))));
  const top = titleH + 8 + Math.max(0, ...colTokens.map((t) => approxTextWidth(clipLabel(t))));
  const legendH = options.legend === false ? 0 : 34;
  const width = left + cols * cell + 8, height = top + rows * cell + legendH + 4;
  const out = [svgOpen(Math.max(width, left + 140), height, 'attention matrix')];
  if (options.title) out.push(`<text x="4" y="14" font-size="13" font-weight="bold">${escapeHtml(options.title)}</text>`);
  tokens.forEach((t, r) => out.push(`<text x="${num(left - 4)}" y="${num(top + r * cell + cell / 2 + 4)}" text-anchor="end">${escapeHtml(clipLabel(t))}</text>`));
  colTokens.forEach((t, c) => {
    const x = left + c * cell + cell / 2 + 4, y = top - 4;
    out.push(`<text transform="translate(${num(x)} ${num(y)}) rotate(-90)">${escapeHtml(clipLabel(t))}</text>`);
  });
  out.push('<g shape-rendering="crispEdges">');
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c]!;
      out.push(`<rect x="${num(left + c * cell)}" y="${num(top + r * cell)}" width="${cell}" height="${cell}" fill="${cssColorAt(map, scalePosition(s, v))}"><title>${escapeHtml(`${tokens[r]} → ${colTokens[c]}: ${formatNumber(v)}`)}</title></rect>`);
    }
  }
  out.push('</g>');
  if (legendH) out.push(svgLegend(map.name, s.min, s.max, left, top + rows * cell + 10, 120));
  out.push('</svg>');
  return out.join('');
}
