import { formatNumber } from './ColorScale';
import { escapeHtml } from './escapeHtml';
import { num, svgOpen } from './svg';
import { invalidInput } from './vizError';

/** One example's SHAP values, for {@link renderShapBarSvg}. */
export interface ShapBarInput {
  features: readonly string[];
  /** SHAP value per feature (same order as `features`). */
  values: ArrayLike<number>;
  /** The feature values, shown beside the names. */
  featureValues?: ArrayLike<number>;
  /** E[f(background)]: where the contributions start. */
  baseValue: number;
  title?: string;
  /** Bars shown (largest |value| first); the rest are summed into one "other features" bar. Default 10. */
  top?: number;
  width?: number;
}

const POS = '#D55E00';
const NEG = '#0072B2';

/**
 * A force-style waterfall of one example's SHAP values as SVG: starting at the base value
 * `E[f(background)]`, one bar per feature (largest first; the rest summed), pushing the output up
 * (vermillion) or down (blue), ending at `f(x) = base + Σ values`. Colours are Okabe–Ito and every
 * bar is also labelled with its signed value.
 *
 * @example
 * ```ts
 * const svg = renderShapBarSvg({ features: header, values: e.data.groupValues[0], baseValue: e.data.expectedValue[0] });
 * ```
 */
export function renderShapBarSvg(input: ShapBarInput): string {
  const { features, values, baseValue } = input;
  if (features.length !== values.length) throw invalidInput(`renderShapBarSvg: ${features.length} features but ${values.length} values`);
  const top = Math.max(1, input.top ?? 10);
  const order = Array.from(values, (v, j) => [v, j] as const).sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]));
  const rows = order.slice(0, top).map(([v, j]) => ({
    label: `${features[j]}${input.featureValues ? ` = ${formatNumber(input.featureValues[j]!)}` : ''}`,
    value: v,
  }));
  const rest = order.slice(top).reduce((s, [v]) => s + v, 0);
  if (order.length > top) rows.push({ label: `${order.length - top} other features`, value: rest });
  const output = baseValue + Array.from(values).reduce((a, b) => a + b, 0);
  const W = input.width ?? 640, rowH = 22, labelW = 230, T = input.title ? 40 : 20, B = 44;
  const H = T + rows.length * rowH + B;
  let cum = baseValue;
  const spans = rows.map((r) => {
    const from = cum;
    cum += r.value;
    return { ...r, from, to: cum };
  });
  const lo = Math.min(baseValue, output, ...spans.map((s) => Math.min(s.from, s.to)));
  const hi = Math.max(baseValue, output, ...spans.map((s) => Math.max(s.from, s.to)));
  const pad = (hi - lo || 1) * 0.08;
  const x0 = labelW + 10, x1 = W - 70;
  const sx = (v: number) => x0 + ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (x1 - x0);
  const out = [svgOpen(W, H, escapeHtml(input.title ?? 'SHAP values')), `<rect width="${W}" height="${H}" fill="white"/>`];
  if (input.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="13">${escapeHtml(input.title)}</text>`);
  out.push(`<line x1="${num(sx(baseValue))}" x2="${num(sx(baseValue))}" y1="${T - 4}" y2="${H - B + 4}" stroke="#888" stroke-dasharray="3 3"/>`);
  out.push(`<line x1="${num(sx(output))}" x2="${num(sx(output))}" y1="${T - 4}" y2="${H - B + 4}" stroke="#000"/>`);
  spans.forEach((s, k) => {
    const y = T + k * rowH;
    const a = sx(Math.min(s.from, s.to)), b = sx(Math.max(s.from, s.to));
    out.push(`<text x="${labelW}" y="${y + 15}" text-anchor="end">${escapeHtml(s.label)}</text>`);
    out.push(`<rect x="${num(a)}" y="${y + 3}" width="${num(Math.max(1, b - a))}" height="${rowH - 6}" fill="${s.value >= 0 ? POS : NEG}"/>`);
    out.push(`<text x="${num(b + 4)}" y="${y + 15}">${s.value >= 0 ? '+' : '−'}${formatNumber(Math.abs(s.value))}</text>`);
  });
  const yb = H - B + 18;
  out.push(`<text x="${num(sx(baseValue))}" y="${yb}" text-anchor="middle" fill="#555">E[f] = ${formatNumber(baseValue)}</text>`);
  out.push(`<text x="${num(sx(output))}" y="${yb + 16}" text-anchor="middle">f(x) = ${formatNumber(output)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
