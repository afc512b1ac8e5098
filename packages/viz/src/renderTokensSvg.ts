import { colorScaleFor, formatNumber, scalePosition, type ColorScaleOptions } from './ColorScale';
import { colorAt, colormap, cssColorAt } from './colormaps';
import { escapeHtml } from './escapeHtml';
import { inkOn } from './inkOn';
import { num, svgOpen } from './svg';
import { svgLegend } from './svgLegend';
import { invalidInput, invalidOption } from './vizError';

/** Options of {@link renderTokensSvg}. */
export interface TokensSvgOptions extends ColorScaleOptions {
  /** Width in pixels at which lines wrap (default 600). */
  maxWidth?: number | undefined;
  /** Font size of the tokens in pixels (default 14). */
  fontSize?: number | undefined;
  /** Colour bar with the scale below the text (default true). */
  legend?: boolean | undefined;
  /** Title above the text. */
  title?: string | undefined;
}

/**
 * Token attributions as SVG: each token in a monospace font on a box coloured by its score (same
 * scale rules as {@link renderTokensHtml}), wrapped into lines, with the score as a tooltip and a
 * legend. Each token's text is fitted to its box with `textLength`, so the layout does not depend
 * on the viewer's fonts. All text is escaped.
 *
 * @example
 * ```ts
 * await fs.writeFile('tokens.svg', renderTokensSvg(['not', 'bad'], [-0.4, 0.7], { title: 'IG' }));
 * ```
 */
export function renderTokensSvg(tokens: readonly string[], scores: ArrayLike<number>, options: TokensSvgOptions = {}): string {
  if (tokens.length !== scores.length) {
    throw invalidInput(`renderTokensSvg: ${tokens.length} tokens but ${scores.length} scores`, { tokens: tokens.length, scores: scores.length });
  }
  const size = options.fontSize ?? 14, maxWidth = options.maxWidth ?? 600;
  if (!(size >= 6 && size <= 72)) throw invalidOption(`fontSize must be 6–72 pixels; got ${size}`, { fontSize: size });
  if (!(maxWidth >= 60)) throw invalidOption(`maxWidth must be at least 60 pixels; got ${maxWidth}`, { maxWidth });
  const s = colorScaleFor(scores, options);
  const map = colormap(s.colormap);
  const charW = size * 0.6, padX = 4, gap = 6, boxH = Math.round(size * 1.6), lineGap = 6, margin = 8;
  const top = options.title ? 30 : margin;
  let x = 0, line = 0, widest = 0;
  const items = tokens.map((raw, i) => {
    const chars = [...raw.replace(/\s/g, ' ')];
    const fit = Math.max(1, Math.floor((maxWidth - 2 * padX) / charW));
    const text = chars.length > fit ? chars.slice(0, fit - 1).join('') + '…' : chars.join('');
    const w = Math.max(1, [...text].length) * charW + 2 * padX;
    if (x > 0 && x + w > maxWidth) { x = 0; line++; }
    const item = { text, w, x, line, t: scalePosition(s, scores[i]!), score: scores[i]! };
    widest = Math.max(widest, x + w);
    x += w + gap;
    return item;
  });
  const lines = tokens.length ? line + 1 : 0;
  const bodyH = lines * boxH + Math.max(0, lines - 1) * lineGap;
  const legendW = Math.min(Math.max(widest, 120), 200);
  const width = Math.max(widest, options.legend === false ? 0 : legendW) + 2 * margin;
  const height = top + bodyH + (options.legend === false ? 0 : 34) + margin;
  const out = [svgOpen(width, height, options.title ? escapeHtml(options.title) : 'token attributions')];
  if (options.title) out.push(`<text x="${margin}" y="19" font-size="13" font-weight="bold">${escapeHtml(options.title)}</text>`);
  for (const it of items) {
    const bx = margin + it.x, by = top + it.line * (boxH + lineGap);
    const [r, g, b] = inkOn(colorAt(map, it.t));
    out.push(`<g><title>${escapeHtml(formatNumber(it.score))}</title>` +
      `<rect x="${num(bx)}" y="${num(by)}" width="${num(it.w)}" height="${boxH}" rx="3" fill="${cssColorAt(map, it.t)}"/>` +
      `<text x="${num(bx + padX)}" y="${num(by + boxH / 2 + size * 0.35)}" font-family="monospace" font-size="${size}" fill="rgb(${r},${g},${b})"` +
      ` textLength="${num(it.w - 2 * padX)}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">${escapeHtml(it.text)}</text></g>`);
  }
  if (options.legend !== false) {
    out.push(svgLegend(s.colormap, s.min, s.max, margin, top + bodyH + 10, legendW, s.signed ? '0' : undefined));
  }
  out.push('</svg>');
  return out.join('');
}
