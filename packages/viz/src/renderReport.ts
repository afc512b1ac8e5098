import type { Explanation } from '@glassbox/core';
import type { Image } from './Image';
import { escapeHtml } from './escapeHtml';
import { explanationToPlainJson } from './explanationParts';
import { pngDataUrl } from './pngDataUrl';
import { renderExplanationGrid } from './renderExplanationGrid';
import { reportSection } from './reportSection';
import { TOKENS_CSS } from './renderTokensHtml';

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** Page title (default "Glassbox report"). */
  title?: string | undefined;
  /** How to view flat inputs/attributions as images, e.g. `[28, 28]`. */
  imageShape?: number[] | undefined;
  /** Examples pictured per explanation (default 8; the JSON always has all). */
  examples?: number | undefined;
  /** Serialises each explanation for the embedded JSON (default: nested arrays, as core's `explanationToJSON`). */
  toJSON?: ((e: Explanation) => unknown) | undefined;
  /** Shown in the header when given (left out by default so reports are reproducible). */
  generatedAt?: string | undefined;
  /** Original photos per example (see `ExplanationImageOptions.photos`): heatmaps are overlaid on them. */
  photos?: readonly (Image | undefined)[] | undefined;
}

const CSS =
  'body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}' +
  'h1{font-size:22px}h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:16px 0 6px}' +
  '.gb-explanation{border:1px solid #ddd;border-radius:8px;padding:16px;margin:18px 0}' +
  '.gb-kv{border-collapse:collapse}.gb-kv th{text-align:left;font-weight:500;color:#555;padding:2px 12px 2px 0;vertical-align:top}' +
  '.gb-kv td{padding:2px 0}.gb-muted{color:#888}code{font-size:12px}' +
  '.gb-examples{display:flex;flex-wrap:wrap;gap:14px}.gb-example{margin:0;border:1px solid #eee;padding:8px;border-radius:6px}' +
  '.gb-pictures{display:flex;gap:8px;align-items:flex-start;flex-wrap:wrap}.gb-pictures img{image-rendering:pixelated}' +
  'figcaption{font-size:12px;color:#444;margin-top:6px;max-width:480px}' +
  '.gb-fbar{display:inline-block;height:9px}.gb-pos{background:#b2182b}.gb-neg{background:#2166ac}' +
  '.gb-json{max-height:320px;overflow:auto;background:#f7f7f7;font-size:11px;padding:8px}.gb-svg svg{max-width:100%;height:auto}' +
  TOKENS_CSS;

/**
 * One self-contained HTML page for a set of explanations (viewable offline: pictures are inline
 * PNG data URLs and SVG, no scripts, no external resources): per explanation its provenance
 * (method, explainer, backend, seed, timing), resolved options, metrics, each example's input,
 * prediction and picture, and the JSON it came from (in a `<details>` and in a
 * `<script type="application/json" class="gb-explanation-json">` block for tools). When several
 * image explanations share the same inputs, a side-by-side grid compares them first. Every string
 * from an explanation is escaped.
 *
 * @example
 * ```ts
 * const html = renderReport([saliencyE, igE], { title: 'MNIST digit 3', imageShape: [28, 28] });
 * await fs.writeFile('report.html', html);
 * ```
 */
export function renderReport(explanations: Explanation[], options: ReportOptions = {}): string {
  const title = options.title ?? 'Glassbox report';
  const toJSON = options.toJSON ?? explanationToPlainJson;
  const sections = explanations.map((e, index) =>
    reportSection(e, { imageShape: options.imageShape, examples: options.examples ?? 8, json: toJSON(e), index, photos: options.photos }));
  const toc = explanations.map((e, i) => `<li><a href="#explanation-${i}">${escapeHtml(e.method)}</a> <span class="gb-muted">${escapeHtml(e.kind)}, ${escapeHtml(e.backend)}</span></li>`).join('');
  return '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    `<p class="gb-muted">${explanations.length} explanation${explanations.length === 1 ? '' : 's'}${options.generatedAt ? ` · generated ${escapeHtml(options.generatedAt)}` : ''}</p>` +
    `<ul>${toc}</ul>${comparison(explanations, options)}${sections.join('')}</body></html>\n`;
}

/** Side-by-side grid of image explanations computed on identical inputs (at least two). */
function comparison(explanations: Explanation[], options: ReportOptions): string {
  const images = explanations.filter((e) => e.kind === 'attribution' || e.kind === 'layer-attribution');
  const first = images[0];
  if (!first) return '';
  const same = images.filter((e) => e.inputs.length === first.inputs.length && e.inputs.every((v, i) => v === first.inputs[i]));
  if (same.length < 2) return '';
  try {
    const grid = renderExplanationGrid(same, { imageShape: options.imageShape, examples: Array.from({ length: Math.min(options.examples ?? 8, first.attributionShape[0]!) }, (_, i) => i) });
    return `<h2>Side by side</h2><p class="gb-muted">One colour scale per method (legend under each column).</p>` +
      `<img src="${pngDataUrl(grid)}" width="${grid.width * 2}" height="${grid.height * 2}" alt="methods side by side" style="image-rendering:pixelated;max-width:100%;height:auto">`;
  } catch {
    return '';
  }
}
