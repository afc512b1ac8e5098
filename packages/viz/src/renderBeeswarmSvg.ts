import { colormap, cssColorAt } from './colormaps';
import { formatNumber } from './ColorScale';
import { escapeHtml } from './escapeHtml';
import { num, svgOpen } from './svg';
import { invalidInput } from './vizError';

/** SHAP values of many examples, for {@link renderBeeswarmSvg}. */
export interface BeeswarmInput {
  features: readonly string[];
  /** `[examples][features]` SHAP values. */
  values: readonly ArrayLike<number>[];
  /** `[examples][features]` feature values: colour each dot from low (blue) to high (red) within its feature. */
  featureValues?: readonly ArrayLike<number>[];
  title?: string;
  /** Features shown, by mean |SHAP| (default 12). */
  top?: number;
  width?: number;
}

/**
 * A SHAP beeswarm summary over a set of examples as SVG: one row per feature (ordered by mean
 * |SHAP value|), one dot per example at its SHAP value, stacked where dots would overlap, and
 * coloured by the feature's value within its range (blue low → red high, the `rdbu` colormap, which runs from blue)
 * when `featureValues` are given.
 *
 * @example
 * ```ts
 * const svg = renderBeeswarmSvg({ features: header, values: e.data.groupValues, featureValues: rows });
 * ```
 */
export function renderBeeswarmSvg(input: BeeswarmInput): string {
  const { features, values } = input;
  if (values.some((r) => r.length !== features.length)) throw invalidInput(`renderBeeswarmSvg: every row needs ${features.length} values`);
  const n = values.length;
  const rdbu = colormap('rdbu');
  const meanAbs = features.map((_, j) => values.reduce((s, r) => s + Math.abs(r[j]!), 0) / Math.max(1, n));
  const shown = features.map((_, j) => j).sort((a, b) => meanAbs[b]! - meanAbs[a]!).slice(0, Math.max(1, input.top ?? 12));
  const W = input.width ?? 640, rowH = 30, labelW = 200, T = input.title ? 40 : 16, B = 40;
  const H = T + shown.length * rowH + B;
  const all = shown.flatMap((j) => values.map((r) => r[j]!));
  const lo = Math.min(0, ...all), hi = Math.max(0, ...all);
  const pad = (hi - lo || 1) * 0.05;
  const x0 = labelW + 10, x1 = W - 20;
  const sx = (v: number) => x0 + ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (x1 - x0);
  const out = [svgOpen(W, H, escapeHtml(input.title ?? 'SHAP summary')), `<rect width="${W}" height="${H}" fill="white"/>`];
  if (input.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="13">${escapeHtml(input.title)}</text>`);
  out.push(`<line x1="${num(sx(0))}" x2="${num(sx(0))}" y1="${T}" y2="${H - B}" stroke="#999"/>`);
  shown.forEach((j, k) => {
    const cy = T + k * rowH + rowH / 2;
    out.push(`<text x="${labelW}" y="${cy + 4}" text-anchor="end">${escapeHtml(features[j]!)}</text>`);
    const fv = input.featureValues?.map((r) => r[j]!);
    const fmin = fv ? Math.min(...fv) : 0, fmax = fv ? Math.max(...fv) : 1;
    // Stack dots that fall in the same 3-px bin, alternating above and below the row's centre.
    const bins = new Map<number, number>();
    values.forEach((r, i) => {
      const x = sx(r[j]!);
      const bin = Math.round(x / 3);
      const c = bins.get(bin) ?? 0;
      bins.set(bin, c + 1);
      const dy = Math.min(rowH / 2 - 2, Math.ceil(c / 2) * 2.5) * (c % 2 ? -1 : 1);
      const t = fv ? (fmax > fmin ? (fv[i]! - fmin) / (fmax - fmin) : 0.5) : 0.5;
      out.push(`<circle cx="${num(x)}" cy="${num(cy + dy)}" r="2.4" fill="${cssColorAt(rdbu, t)}" fill-opacity="0.85"/>`);
    });
  });
  out.push(`<text x="${num((x0 + x1) / 2)}" y="${H - 12}" text-anchor="middle">SHAP value (effect on the model output)</text>`);
  out.push(`<text x="${num(x0)}" y="${H - 26}" fill="#555">${formatNumber(lo)}</text><text x="${num(x1)}" y="${H - 26}" text-anchor="end" fill="#555">${formatNumber(hi)}</text>`);
  if (input.featureValues) out.push(`<text x="${W - 20}" y="${T - 4}" text-anchor="end" fill="#555">colour: feature value low (blue) → high (red)</text>`);
  out.push('</svg>');
  return out.join('\n');
}
