import { colorScaleFor, formatNumber, scalePosition, type ColorScaleOptions } from './ColorScale';
import { colorAt, colormap, cssColorAt } from './colormaps';
import { escapeHtml } from './escapeHtml';
import { invalidInput } from './vizError';

/** Options of {@link renderTokensHtml}. */
export interface TokensHtmlOptions extends ColorScaleOptions {
  /** Include the small `<style>` block (default true; turn off when the page already has it). */
  style?: boolean | undefined;
  /** Show a legend line with the scale (default true). */
  legend?: boolean | undefined;
}

/** CSS classes used by {@link renderTokensHtml}; shared with the report. */
export const TOKENS_CSS =
  '.gb-tokens{font:15px/2 ui-monospace,monospace}' +
  '.gb-token{padding:2px 3px;margin:0 1px;border-radius:3px;white-space:pre-wrap}' +
  '.gb-legend{font:12px sans-serif;color:#444;display:flex;align-items:center;gap:6px}' +
  '.gb-bar{display:inline-block;width:120px;height:10px;border-radius:2px}';

/**
 * Highlights tokens by score as HTML: each token a `<span>` whose background is its colour
 * (diverging, centred on zero, for signed scores; viridis for absolute ones), with the score in a
 * tooltip. Every token is HTML-escaped, so hostile text (`<script>`, quotes, `&`) stays text.
 *
 * @example
 * ```ts
 * const html = renderTokensHtml(['the', 'movie', 'was', 'great'], [0.01, 0.2, -0.05, 0.9]);
 * element.innerHTML = html; // or embed in a report
 * ```
 */
export function renderTokensHtml(tokens: readonly string[], scores: ArrayLike<number>, options: TokensHtmlOptions = {}): string {
  if (tokens.length !== scores.length) {
    throw invalidInput(`renderTokensHtml: ${tokens.length} tokens but ${scores.length} scores`, { tokens: tokens.length, scores: scores.length });
  }
  const s = colorScaleFor(scores, options);
  const map = colormap(s.colormap);
  const spans = tokens.map((tok, i) => {
    const t = scalePosition(s, scores[i]!);
    const [r, g, b] = colorAt(map, t);
    const ink = r * 0.299 + g * 0.587 + b * 0.114 > 140 ? '#111' : '#fff';
    return `<span class="gb-token" style="background:${cssColorAt(map, t)};color:${ink}" title="${escapeHtml(formatNumber(scores[i]!))}">${escapeHtml(tok)}</span>`;
  });
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${cssColorAt(map, t)} ${t * 100}%`).join(',');
  const legend = options.legend === false ? '' :
    `<div class="gb-legend"><span>${escapeHtml(formatNumber(s.min))}</span><span class="gb-bar" style="background:linear-gradient(90deg,${stops})"></span><span>${escapeHtml(formatNumber(s.max))}</span><span>(${s.signed ? 'signed' : 'absolute'}, clipped at p${s.clip})</span></div>`;
  return `${options.style === false ? '' : `<style>${TOKENS_CSS}</style>`}<div class="gb-tokens">${spans.join(' ')}</div>${legend}`;
}
