import { colorScaleFor, scalePosition } from './ColorScale';
import { colormap, cssColorAt } from './colormaps';
import { escapeHtml } from './escapeHtml';
import type { HeatmapOptions } from './renderHeatmap';
import { num, svgOpen } from './svg';
import { svgLegend } from './svgLegend';

/** Options of {@link renderHeatmapSvg}. */
export interface HeatmapSvgOptions extends HeatmapOptions {
  /** Legend below (default true). */
  legend?: boolean | undefined;
  /** Title above. */
  title?: string | undefined;
}

/**
 * A heatmap as SVG: runs of equal colour in a row become one `<rect>`, so pictures stay small and
 * crisp at any zoom. Same colours and scale as {@link renderHeatmap}.
 *
 * @example
 * ```ts
 * const svg = renderHeatmapSvg(values, 28, 28, { scale: 6, title: 'saliency' });
 * ```
 */
export function renderHeatmapSvg(values: ArrayLike<number>, width: number, height: number, options: HeatmapSvgOptions = {}): string {
  if (values.length !== width * height) throw new RangeError(`renderHeatmapSvg: ${values.length} values do not fill ${width}×${height}`);
  const s = colorScaleFor(values, options);
  const map = colormap(s.colormap);
  const px = options.scale ?? 4;
  const top = options.title ? 20 : 0;
  const legendH = options.legend === false ? 0 : 34;
  const w = Math.max(width * px, 140), h = top + height * px + legendH;
  const x0 = Math.floor((w - width * px) / 2);
  const out = [svgOpen(w, h, options.title ? escapeHtml(options.title) : 'heatmap')];
  if (options.title) out.push(`<text x="${num(w / 2)}" y="14" text-anchor="middle" font-size="13">${escapeHtml(options.title)}</text>`);
  out.push('<g shape-rendering="crispEdges">');
  for (let y = 0; y < height; y++) {
    let runStart = 0, runColor = '';
    for (let x = 0; x <= width; x++) {
      const color = x < width ? cssColorAt(map, scalePosition(s, values[y * width + x]!)) : '';
      if (color !== runColor) {
        if (runColor) out.push(`<rect x="${x0 + runStart * px}" y="${top + y * px}" width="${(x - runStart) * px}" height="${px}" fill="${runColor}"/>`);
        runStart = x;
        runColor = color;
      }
    }
  }
  out.push('</g>');
  if (legendH) out.push(svgLegend(s.colormap, s.min, s.max, (w - 140) / 2 + 4, top + height * px + 6, 132, s.signed ? '0' : undefined));
  out.push('</svg>');
  return out.join('');
}
