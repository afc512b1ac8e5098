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
import { invalidInput } from './vizError';

/** The output formats and their MIME types: the one list that `--out` and `renderExplanation` read. */
export const RENDER_MIME = { png: 'image/png', svg: 'image/svg+xml', html: 'text/html' } as const;

/** An output format (`png`, `svg`, `html`). */
export type RenderFormat = keyof typeof RENDER_MIME;

/** Draws one example of an explanation (`options.example`, default 0) in one format. */
export type Renderer = (e: Explanation, options: ExplanationImageOptions) => Uint8Array | string;

const report: Renderer = (e, o) => renderReport([e], { imageShape: o.imageShape, title: `${e.method} — Glassbox`, photos: o.photos });
const heatmapSvg: Renderer = (e, o) => {
  const g = attributionGrid(e, o.example ?? 0, { imageShape: o.imageShape, signed: o.signed !== false });
  return renderHeatmapSvg(g.values, g.width, g.height, { ...o, scale: o.scale ?? Math.min(4, autoScale(g.width, g.height)) });
};
const matrix = (draw: typeof renderAttentionMatrixPng | typeof renderAttentionMatrixSvg): Renderer => (e, o) => {
  const { matrix: m, tokens } = attentionMatrixOf(e, o.example ?? 0);
  return draw(m, tokens, { title: o.title, legend: o.legend });
};
const tokens = (draw: typeof renderTokensPng | typeof renderTokensSvg): Renderer => (e, o) => {
  const { tokens: t, scores } = tokenScores(e, o.example ?? 0);
  return draw(t, scores, { title: o.title, legend: o.legend, signed: o.signed, clip: o.clip, colormap: o.colormap, range: o.range });
};
const tree = (draw: typeof renderTreePng | typeof renderTreeSvg): Renderer => (e, o) => {
  const t = treeOf(e);
  if (!t) throw invalidInput('This surrogate explanation carries no tree in `data` to draw', { method: e.method });
  return draw(t, { title: o.title });
};

/**
 * The kind × format render table: which picture each explanation kind becomes in each format.
 * `renderExplanation`, `renderStep` and the CLI's `--out` read it; adding a format is a column
 * here (and its renderer file), adding a kind a row (or {@link registerRenderer} from its plugin).
 */
const table: Partial<Record<ExplanationKind, Partial<Record<RenderFormat, Renderer>>>> = {
  attribution: { png: renderExplanationPng, svg: heatmapSvg, html: report },
  'layer-attribution': { png: renderExplanationPng, svg: heatmapSvg, html: report },
  'token-attribution': { png: tokens(renderTokensPng), svg: tokens(renderTokensSvg), html: report },
  'attention-map': { png: matrix(renderAttentionMatrixPng), svg: matrix(renderAttentionMatrixSvg), html: report },
  surrogate: { png: tree(renderTreePng), svg: tree(renderTreeSvg), html: report },
};

/** The renderer of a kind in a format, or undefined when the table has none. */
export function rendererFor(kind: ExplanationKind, format: RenderFormat): Renderer | undefined {
  return table[kind]?.[format];
}

/** The formats a kind renders to (all formats when `kind` is omitted), in table order. */
export function renderFormats(kind?: ExplanationKind): RenderFormat[] {
  const all = Object.keys(RENDER_MIME) as RenderFormat[];
  return kind === undefined ? all : all.filter((f) => table[kind]?.[f] !== undefined);
}

/** The kinds that render to `format`. */
export function renderableKinds(format: RenderFormat): ExplanationKind[] {
  return (Object.keys(table) as ExplanationKind[]).filter((k) => table[k]?.[format] !== undefined);
}

/**
 * Adds (or replaces) the renderer of a kind in a format, for a plugin that brings its own kind.
 *
 * @example
 * ```ts
 * registerRenderer('group-attribution', 'svg', (e, o) => drawBars(attributionsOf(e, o.example ?? 0)));
 * ```
 */
export function registerRenderer(kind: ExplanationKind, format: RenderFormat, renderer: Renderer): void {
  (table[kind] ??= {})[format] = renderer;
}
