import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { colorScaleFor, formatNumber, scalePosition, type ColorScaleOptions } from './ColorScale';
import { colorAt, colormap } from './colormaps';
import { createImage, WHITE } from './Image';
import { fillRect } from './imageOps';
import { inkOn } from './inkOn';
import type { Heatmap } from './renderHeatmap';
import { renderLegend } from './renderLegend';
import { stackImages } from './stackImages';
import { invalidInput, invalidOption } from './vizError';

/** Options of {@link renderTokensImage} / {@link renderTokensPng}. */
export interface TokensImageOptions extends ColorScaleOptions {
  /** Width in pixels at which lines wrap (default 480; tokens wider than a line are shortened). */
  maxWidth?: number | undefined;
  /** Magnification of the token text, an integer 1–4 (default 2; the legend and title stay at 1). */
  textScale?: number | undefined;
  /** Write each token's score under it (default false). */
  showScores?: boolean | undefined;
  /** Colour bar with the scale below the text (default true). */
  legend?: boolean | undefined;
  /** Title line above the picture (default none). */
  title?: string | undefined;
}

/**
 * Pictures token attributions as a PNG-ready image: each token drawn with the built-in bitmap font
 * on a box coloured by its score (diverging and centred on zero for signed scores, viridis for
 * absolute ones, clipped at the 99th percentile by default), wrapped into lines of at most
 * `maxWidth` pixels, with a legend stating the scale. Characters outside the font (most non-ASCII)
 * draw as empty boxes; whitespace inside a token draws as a space.
 *
 * @example
 * ```ts
 * const { image } = renderTokensImage(['the', 'movie', 'was', 'great'], [0.01, 0.2, -0.05, 0.9]);
 * await fs.writeFile('tokens.png', encodePng(image));
 * ```
 */
export function renderTokensImage(tokens: readonly string[], scores: ArrayLike<number>, options: TokensImageOptions = {}): Heatmap {
  if (tokens.length !== scores.length) {
    throw invalidInput(`renderTokensImage: ${tokens.length} tokens but ${scores.length} scores`, { tokens: tokens.length, scores: scores.length });
  }
  const s = options.textScale ?? 2;
  if (!(Number.isInteger(s) && s >= 1 && s <= 4)) throw invalidOption(`textScale must be an integer from 1 to 4; got ${s}`, { textScale: s });
  const maxWidth = options.maxWidth ?? 480;
  if (!(Number.isInteger(maxWidth) && maxWidth >= 40)) throw invalidOption(`maxWidth must be an integer of at least 40 pixels; got ${maxWidth}`, { maxWidth });
  const colorScale = colorScaleFor(scores, options);
  const map = colormap(colorScale.colormap);
  const padX = 2 * s, padY = 2 * s, gap = 3 * s, lineGap = 2 * s;
  const scoreH = options.showScores ? GLYPH_HEIGHT + 2 : 0;
  const boxH = GLYPH_HEIGHT * s + scoreH + 2 * padY;
  const boxes = tokens.map((raw, i) => {
    const text = fitText(raw.replace(/\s/g, ' '), maxWidth - 2 * padX, s);
    const score = options.showScores ? formatNumber(scores[i]!) : '';
    const w = Math.max(textWidth(text, s), textWidth(score), s * 3) + 2 * padX;
    return { text, score, w: Math.min(w, maxWidth), bg: colorAt(map, scalePosition(colorScale, scores[i]!)) };
  });
  // Greedy wrapping: a token starts a new line when it would pass maxWidth.
  const placed: { x: number; line: number }[] = [];
  let x = 0, line = 0, widest = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > maxWidth) { x = 0; line++; }
    placed.push({ x, line });
    widest = Math.max(widest, x + b.w);
    x += b.w + gap;
  }
  const lines = tokens.length ? line + 1 : 0;
  const body = createImage(Math.max(1, widest), Math.max(1, lines * boxH + Math.max(0, lines - 1) * lineGap), WHITE);
  boxes.forEach((b, i) => {
    const bx = placed[i]!.x, by = placed[i]!.line * (boxH + lineGap);
    fillRect(body, bx, by, b.w, boxH, b.bg);
    const ink = inkOn(b.bg);
    drawText(body, b.text, bx + Math.floor((b.w - textWidth(b.text, s)) / 2), by + padY, ink, s);
    if (b.score) drawText(body, b.score, bx + Math.floor((b.w - textWidth(b.score)) / 2), by + padY + GLYPH_HEIGHT * s + 2, ink);
  });
  const parts = [body];
  if (options.legend !== false) parts.push(renderLegend(colorScale, { width: Math.min(Math.max(body.width, 112), 200) }));
  return { image: stackImages(parts, { title: options.title, gap: 6 }), colorScale };
}
