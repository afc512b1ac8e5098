import type { Explanation } from '@glassbox/core';
import { formatNumber } from './ColorScale';
import type { Image } from './Image';
import { escapeHtml, safeJson } from './escapeHtml';
import { attentionMatrixOf, tokenScores, treeOf } from './explanationParts';
import { upscale } from './imageOps';
import { pngDataUrl } from './pngDataUrl';
import { renderAttentionMatrixSvg } from './renderAttentionMatrixSvg';
import { renderCurveSvg } from './renderCurveSvg';
import { autoScale, renderExplanationImage } from './renderExplanationImage';
import { renderInputImage } from './renderInputImage';
import { renderTokensHtml } from './renderTokensHtml';
import { renderTreeSvg } from './renderTreeSvg';
import { fitPhoto, renderPhotoOverlay } from './renderPhotoOverlay';

/** What a report section needs besides the explanation. */
export interface SectionOptions {
  imageShape?: number[] | undefined;
  examples: number;
  json: unknown;
  index: number;
  photos?: readonly (Image | undefined)[] | undefined;
}

const isNums = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number');
const fmt = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : isNums(v) ? v.map((x) => formatNumber(x)).join(', ') : JSON.stringify(v) ?? String(v));
const table = (rows: [string, string][]) =>
  `<table class="gb-kv">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
/** An inline PNG shown at twice its size (crisp pixels), so the built-in font stays readable. */
const img = (image: Image, alt: string) =>
  `<img src="${pngDataUrl(image)}" width="${image.width * 2}" height="${image.height * 2}" alt="${escapeHtml(alt)}">`;

/** One explanation's section of the report: provenance, options, metrics, examples and its JSON. */
export function reportSection(e: Explanation, o: SectionOptions): string {
  const batch = e.attributionShape[0] ?? 0;
  const shown = Math.min(batch, o.examples);
  const head = table([
    ['kind', escapeHtml(e.kind)],
    ['explainer', escapeHtml(`${e.explainer.package ?? e.explainer.name}@${e.explainer.version}`)],
    ['backend', escapeHtml(e.backend)],
    ['model', escapeHtml(`${e.model.name} [${e.model.inputShape.join('×')}] → [${e.model.outputShape.join('×')}]`)],
    ['seed', escapeHtml(e.seed)],
    ['started', escapeHtml(e.timing.startedAt)],
    ['duration', escapeHtml(`${formatNumber(e.timing.durationMs)} ms`)],
    ...(e.preprocessing ? [['preprocessing', escapeHtml(describePreprocessing(e.preprocessing))] as [string, string]] : []),
  ]);
  const opts = Object.entries(e.options);
  const metrics = Object.entries(e.metrics).filter(([, v]) => !perExampleCurves(v, batch));
  const tree = e.kind === 'surrogate' ? treeOf(e) : undefined;
  const examples = Array.from({ length: shown }, (_, i) => exampleFigure(e, i, o)).join('');
  return `<section class="gb-explanation" id="explanation-${o.index}">` +
    `<h2>${escapeHtml(e.method)}</h2>${head}` +
    `<h3>Options</h3>${opts.length ? table(opts.map(([k, v]) => [k, `<code>${escapeHtml(JSON.stringify(v) ?? String(v))}</code>`])) : '<p class="gb-muted">none</p>'}` +
    `<h3>Metrics</h3>${metrics.length ? table(metrics.map(([k, v]) => [k, escapeHtml(fmt(v))])) : '<p class="gb-muted">none</p>'}` +
    (tree ? `<h3>Surrogate tree</h3><div class="gb-svg">${renderTreeSvg(tree)}</div>` : '') +
    `<h3>Examples${shown < batch ? ` (first ${shown} of ${batch})` : ''}</h3><div class="gb-examples">${examples}</div>` +
    `<details><summary>JSON</summary><pre class="gb-json">${escapeHtml(JSON.stringify(o.json, null, 1))}</pre></details>` +
    `<script type="application/json" class="gb-explanation-json">${safeJson(o.json)}</script></section>`;
}

function exampleFigure(e: Explanation, i: number, o: SectionOptions): string {
  const batch = e.attributionShape[0] ?? 0;
  const parts: string[] = [];
  const photo = o.photos?.[i];
  if (photo && (e.kind === 'attribution' || e.kind === 'layer-attribution')) {
    // Inputs made from a photo: the photo itself, and the heatmap over it.
    const shown = fitPhoto(photo, 320);
    parts.push(`<img src="${pngDataUrl(shown)}" width="${shown.width}" height="${shown.height}" alt="${escapeHtml(e.preprocessing?.sources[i]?.name ?? `photo ${i}`)}">`);
    try {
      const over = renderPhotoOverlay(e, photo, { example: i, imageShape: o.imageShape, maxSide: 320 }).image;
      parts.push(`<img src="${pngDataUrl(over)}" width="${over.width}" height="${over.height}" alt="${escapeHtml(`${e.method} over photo ${i}`)}">`);
    } catch {
      parts.push(featureBars(e, i));
    }
    return figure(e, i, parts);
  }
  const picture = (() => {
    try { return renderInputImage(e, i, { imageShape: o.imageShape }); } catch { return undefined; }
  })();
  if (picture && e.kind !== 'token-attribution' && e.kind !== 'attention-map') {
    parts.push(img(upscale(picture, autoScale(picture.width, picture.height)), `input ${i}`));
  }
  if (e.kind === 'attribution' || e.kind === 'layer-attribution') {
    try {
      parts.push(img(renderExplanationImage(e, { example: i, imageShape: o.imageShape }).image, `${e.method} ${i}`));
      if (picture) parts.push(img(renderExplanationImage(e, { example: i, imageShape: o.imageShape, overlay: true }).image, `${e.method} overlay ${i}`));
    } catch {
      parts.push(featureBars(e, i));
    }
  } else if (e.kind === 'token-attribution') {
    const { tokens, scores } = tokenScores(e, i);
    parts.push(renderTokensHtml(tokens, scores, { style: false }));
  } else if (e.kind === 'attention-map') {
    const { matrix, tokens } = attentionMatrixOf(e, i);
    parts.push(`<div class="gb-svg">${renderAttentionMatrixSvg(matrix, tokens)}</div>`);
  } else {
    parts.push(featureBars(e, i));
  }
  return figure(e, i, parts);
}

function figure(e: Explanation, i: number, parts: string[]): string {
  const batch = e.attributionShape[0] ?? 0;
  for (const [name, v] of Object.entries(e.metrics)) {
    if (perExampleCurves(v, batch)) parts.push(`<div class="gb-svg">${renderCurveSvg([{ label: name, y: (v as number[][])[i]! }], { title: name })}</div>`);
  }
  const source = e.preprocessing?.sources[i]?.name;
  const notes = [...(source ? [source] : []), prediction(e, i)];
  if (e.convergenceDelta?.[i] !== undefined) notes.push(`convergence δ ${formatNumber(e.convergenceDelta[i])}`);
  for (const [name, v] of Object.entries(e.metrics)) if (isNums(v) && v.length === batch) notes.push(`${name} ${formatNumber(v[i]!)}`);
  return `<figure class="gb-example"><div class="gb-pictures">${parts.join('')}</div><figcaption>#${i} · ${notes.map(escapeHtml).join(' · ')}</figcaption></figure>`;
}

/** `640×427 china.jpg → rgb, resize 224×224 (bilinear), ×0.00392, normalise mean … std …`. */
function describePreprocessing(p: NonNullable<Explanation['preprocessing']>): string {
  const steps = [`channels ${p.channels}`];
  if (p.resize) steps.push(`resize to ${p.resize[0]}×${p.resize[1]} (${p.resizeMethod})`);
  steps.push(`scale ×${Math.abs(p.scale * 255 - 1) < 1e-9 ? '1/255' : formatNumber(p.scale, 4)}`);
  if (p.normalize) steps.push(`normalise mean ${p.normalize.mean.map((v) => formatNumber(v, 4)).join(',')} std ${p.normalize.std.map((v) => formatNumber(v, 4)).join(',')}`);
  return `${p.sources.length} image${p.sources.length === 1 ? '' : 's'} (${p.sources.slice(0, 4).map((s) => `${s.name} ${s.width}×${s.height}`).join(', ')}${p.sources.length > 4 ? ', …' : ''}) → ${steps.join(', ')} (${p.layout})`;
}

function prediction(e: Explanation, i: number): string {
  const per = e.outputShape.slice(1).reduce((a, b) => a * b, 1);
  const out = e.outputs.subarray(i * per, (i + 1) * per);
  const t = e.targets[i];
  const name = (k: number) => e.labels?.classes?.[k] ?? String(k);
  const top = Array.from(out, (v, k) => [v, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 3);
  const target = t !== undefined ? `target ${name(t)} (output ${formatNumber(out[t] ?? NaN)})` : 'no target';
  return per > 1 ? `${target} · top ${top.map(([v, k]) => `${name(k)}: ${formatNumber(v)}`).join(', ')}` : target;
}

/** Tabular attributions: the ten features with the largest |value|, as signed bars. */
function featureBars(e: Explanation, i: number): string {
  const per = e.attributionShape.slice(1).reduce((a, b) => a * b, 1);
  const v = e.attributions.subarray(i * per, (i + 1) * per);
  const max = Math.max(1e-30, ...Array.from(v, Math.abs));
  const order = Array.from(v, (x, k) => [x, k] as const).sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]) || a[1] - b[1]).slice(0, 10);
  const rows = order.map(([x, k]) => {
    const w = Math.round((Math.abs(x) / max) * 100);
    return `<tr><th>${escapeHtml(e.labels?.features?.[k] ?? `feature ${k}`)}</th><td><span class="gb-fbar ${x < 0 ? 'gb-neg' : 'gb-pos'}" style="width:${w}px"></span> ${escapeHtml(formatNumber(x))}</td></tr>`;
  });
  return `<table class="gb-kv">${rows.join('')}</table>`;
}

function perExampleCurves(v: unknown, batch: number): boolean {
  return Array.isArray(v) && v.length === batch && batch > 0 && v.every((c) => isNums(c) && c.length > 1);
}
