import type { Explanation, ExplanationKind } from '@glassbox/core';
import { attentionMatrixOf, tokenScores, treeOf } from './explanationParts';
import { attributionGrid } from './attributionGrid';
import { renderAttentionMatrixPng } from './renderAttentionMatrixPng';
import { renderAttentionMatrixSvg } from './renderAttentionMatrixSvg';
import { renderExplanationPng } from './renderExplanationPng';
import { autoScale, type ExplanationImageOptions } from './renderExplanationImage';
import { renderHeatmapSvg } from './renderHeatmapSvg';
import { renderReport } from './renderReport';
import { renderTokensPng } from './renderTokensPng';
import { renderTokensSvg } from './renderTokensSvg';
import { renderTreePng } from './renderTreePng';
import { renderTreeSvg } from './renderTreeSvg';
import type { Rendered } from './Rendered';
import { invalidInput, invalidOption } from './vizError';
import { explanationTitle } from './explanationTitle';

/** Options of {@link renderExplanation} and {@link renderStep}. */
export interface RenderOptions extends ExplanationImageOptions {
  format: Rendered['format'];
}

/** Which formats each explanation kind renders to. */
export const RENDER_FORMATS: Record<Rendered['format'], readonly ExplanationKind[]> = {
  png: ['attribution', 'layer-attribution', 'token-attribution', 'attention-map', 'surrogate'],
  svg: ['attribution', 'layer-attribution', 'token-attribution', 'attention-map', 'surrogate'],
  html: ['attribution', 'layer-attribution', 'token-attribution', 'attention-map', 'surrogate'],
};

const MIME = { png: 'image/png', svg: 'image/svg+xml', html: 'text/html' } as const;

/**
 * Renders one explanation to PNG, SVG or a self-contained HTML page, choosing the picture by its
 * kind: image heatmaps (`attribution`, `layer-attribution`), highlighted tokens
 * (`token-attribution`), attention matrices, surrogate trees, and for `html` a one-explanation
 * {@link renderReport}. Every kind renders to every format (see {@link RENDER_FORMATS}).
 *
 * @example
 * ```ts
 * const { data, mime } = renderExplanation(e, { format: 'png', example: 1, overlay: true });
 * ```
 */
export function renderExplanation(e: Explanation, options: RenderOptions): Rendered {
  const { format } = options;
  if (!(format in MIME)) throw invalidOption(`Unknown render format "${String(format)}"; use png, svg or html`, { format });
  if (!RENDER_FORMATS[format].includes(e.kind)) {
    const ok = (Object.keys(RENDER_FORMATS) as Rendered['format'][]).filter((f) => RENDER_FORMATS[f].includes(e.kind));
    throw invalidInput(`A "${e.kind}" explanation cannot be rendered as ${format}; it can as ${ok.join(', ')}`, { kind: e.kind, format });
  }
  const example = options.example ?? 0;
  const done = (data: Uint8Array | string): Rendered => ({ format, mime: MIME[format], data });
  if (format === 'html') return done(renderReport([e], { imageShape: options.imageShape, title: `${e.method} — Glassbox`, photos: options.photos }));
  // Class names (and source files) are part of every picture when the explanation has them.
  if (options.title === undefined && e.kind !== 'surrogate' && e.kind !== 'attention-map') options = { ...options, title: explanationTitle(e, example) };
  if (e.kind === 'attention-map') {
    const { matrix, tokens } = attentionMatrixOf(e, example);
    const o = { title: options.title, legend: options.legend };
    return done(format === 'png' ? renderAttentionMatrixPng(matrix, tokens, o) : renderAttentionMatrixSvg(matrix, tokens, o));
  }
  if (e.kind === 'token-attribution') {
    const { tokens, scores } = tokenScores(e, example);
    const o = { title: options.title, legend: options.legend, signed: options.signed, clip: options.clip, colormap: options.colormap, range: options.range };
    return done(format === 'png' ? renderTokensPng(tokens, scores, o) : renderTokensSvg(tokens, scores, o));
  }
  if (e.kind === 'surrogate') {
    const tree = treeOf(e);
    if (!tree) throw invalidInput('This surrogate explanation carries no tree in `data` to draw', { method: e.method });
    return done(format === 'png' ? renderTreePng(tree, { title: options.title }) : renderTreeSvg(tree, { title: options.title }));
  }
  if (format === 'png') return done(renderExplanationPng(e, options));
  const g = attributionGrid(e, example, { imageShape: options.imageShape, signed: options.signed !== false });
  return done(renderHeatmapSvg(g.values, g.width, g.height, { ...options, scale: options.scale ?? Math.min(4, autoScale(g.width, g.height)) }));
}
