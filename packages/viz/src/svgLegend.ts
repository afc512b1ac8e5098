import { formatNumber } from './ColorScale';
import { colormap, cssColorAt, type ColormapName } from './colormaps';
import { escapeHtml } from './escapeHtml';
import { num } from './svg';

/** A horizontal gradient bar with its end values, for SVG pictures. */
export function svgLegend(name: ColormapName, min: number, max: number, x: number, y: number, width: number, mid?: string): string {
  const map = colormap(name);
  const id = `gb-grad-${name}`;
  const stops = Array.from({ length: 11 }, (_, i) => `<stop offset="${i * 10}%" stop-color="${cssColorAt(map, i / 10)}"/>`).join('');
  return `<defs><linearGradient id="${id}">${stops}</linearGradient></defs>` +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="8" fill="url(#${id})"/>` +
    `<text x="${num(x)}" y="${num(y + 20)}">${escapeHtml(formatNumber(min))}</text>` +
    (mid !== undefined ? `<text x="${num(x + width / 2)}" y="${num(y + 20)}" text-anchor="middle">${escapeHtml(mid)}</text>` : '') +
    `<text x="${num(x + width)}" y="${num(y + 20)}" text-anchor="end">${escapeHtml(formatNumber(max))}</text>`;
}
