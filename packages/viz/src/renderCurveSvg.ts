import { formatNumber } from './ColorScale';
import { areaUnderCurve } from '@glassbox/core/numeric';
import { escapeHtml } from './escapeHtml';
import { OKABE_ITO } from './okabeIto';
import { approxTextWidth, num, svgOpen } from './svg';
import { invalidInput } from './vizError';

/** One curve: values `y` at `x` (default: evenly spaced on [0, 1]); `auc` computed when absent. */
export interface Curve {
  label: string;
  y: ArrayLike<number>;
  x?: ArrayLike<number>;
  auc?: number;
}

/** Options of {@link renderCurveSvg}. */
export interface CurveSvgOptions {
  title?: string | undefined;
  /** Default "fraction of features removed". */
  xLabel?: string | undefined;
  /** Default "model output". */
  yLabel?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/**
 * Line chart of deletion / insertion curves (or any curves) as SVG, each with its AUC in the
 * legend. Colours are Okabe–Ito and each curve also has its own dash pattern, so they stay
 * distinguishable without colour.
 *
 * @example
 * ```ts
 * const svg = renderCurveSvg([
 *   { label: 'deletion', y: deletionScores },
 *   { label: 'insertion', y: insertionScores },
 * ], { title: 'integrated-gradients, example 0' });
 * ```
 */
export function renderCurveSvg(curves: Curve[], options: CurveSvgOptions = {}): string {
  for (const c of curves) {
    if (c.x && c.x.length !== c.y.length) throw invalidInput(`Curve "${c.label}" has ${c.x.length} x values and ${c.y.length} y values`);
  }
  const W = options.width ?? 420, H = options.height ?? 280;
  const m = { left: 52, right: 12, top: options.title ? 30 : 12, bottom: 40 };
  const pts = curves.map((c) => Array.from(c.y, (y, i) => [c.x ? c.x[i]! : c.y.length > 1 ? i / (c.y.length - 1) : 0, y] as const));
  const xs = pts.flat().map((p) => p[0]), ys = pts.flat().map((p) => p[1]).filter(Number.isFinite);
  const x0 = Math.min(0, ...xs), x1 = Math.max(1e-12, ...xs);
  let y0 = Math.min(0, ...ys), y1 = Math.max(...ys, y0 + 1e-12);
  if (y1 - y0 < 1e-12) y1 = y0 + 1;
  const pw = W - m.left - m.right, ph = H - m.top - m.bottom;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const out = [svgOpen(W, H, options.title ? escapeHtml(options.title) : 'curves')];
  if (options.title) out.push(`<text x="${num(W / 2)}" y="18" text-anchor="middle" font-size="13">${escapeHtml(options.title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const yv = y0 + ((y1 - y0) * i) / 4, xv = x0 + ((x1 - x0) * i) / 4;
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${num(sy(yv))}" y2="${num(sy(yv))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 4}" y="${num(sy(yv) + 4)}" text-anchor="end">${formatNumber(yv)}</text>`);
    out.push(`<text x="${num(sx(xv))}" y="${m.top + ph + 14}" text-anchor="middle">${formatNumber(xv)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${num(m.left + pw / 2)}" y="${H - 8}" text-anchor="middle">${escapeHtml(options.xLabel ?? 'fraction of features removed')}</text>`);
  out.push(`<text transform="translate(12 ${num(m.top + ph / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(options.yLabel ?? 'model output')}</text>`);
  const legendW = Math.max(0, ...curves.map((c) => approxTextWidth(legendText(c)))) + 34;
  out.push(`<rect x="${num(m.left + pw - legendW - 6)}" y="${m.top + 2}" width="${num(legendW + 2)}" height="${curves.length * 16 + 6}" fill="#fff" fill-opacity="0.85"/>`);
  curves.forEach((c, i) => {
    const color = OKABE_ITO[i % OKABE_ITO.length], dash = DASHES[i % DASHES.length];
    const d = pts[i]!.filter((p) => Number.isFinite(p[1])).map((p, k) => `${k ? 'L' : 'M'}${num(sx(p[0]!))} ${num(sy(p[1]))}`).join('');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    const lx = m.left + pw - legendW, ly = m.top + 12 + i * 16;
    out.push(`<line x1="${num(lx)}" x2="${num(lx + 24)}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(`<text x="${num(lx + 30)}" y="${ly}">${escapeHtml(legendText(c))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function legendText(c: Curve): string {
  return `${c.label} (AUC ${formatNumber(c.auc ?? areaUnderCurve(c.y, c.x))})`;
}
