import { blit, colorAt, colormap, createImage, drawText, encodePng, escapeHtml, fillRect, INK, pngDataUrl, renderHeatmap, stackImages, textWidth, WHITE, type Image } from '@glassbox/viz';
import type { ResultsSummary } from './summarizeResults';

const TOP = 15;

/** Indices of the `k` largest values. */
const topK = (v: ArrayLike<number>, k: number) => Array.from(v, (x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]).slice(0, k).map(([, i]) => i);

/** Horizontal bars of mean |attribution| for the top features. */
function barChart(title: string, names: string[], values: ArrayLike<number>): Image {
  const idx = topK(values, TOP);
  const label = Math.min(220, Math.max(...idx.map((i) => textWidth(names[i]!))) + 8);
  const w = label + 260;
  const img = createImage(w, 24 + idx.length * 14 + 8, WHITE);
  drawText(img, title, 4, 4, INK);
  const max = Math.max(...idx.map((i) => values[i]!), 1e-30);
  idx.forEach((i, r) => {
    const y = 24 + r * 14;
    drawText(img, names[i]!.slice(0, 36), 4, y + 2, INK);
    fillRect(img, label, y, Math.max(1, Math.round((values[i]! / max) * 180)), 10, [0, 114, 178, 255]);
    drawText(img, values[i]!.toPrecision(3), label + Math.round((values[i]! / max) * 180) + 4, y + 2, INK);
  });
  return img;
}

/**
 * SHAP-style beeswarm: one row per top feature, a dot per sampled example at its attribution,
 * coloured by the feature's value (low blue → high red, by rank within the sample), dots stacked
 * where they crowd.
 */
function beeswarm(s: ResultsSummary): Image {
  const idx = topK(s.meanAbs, TOP);
  const label = Math.min(220, Math.max(...idx.map((i) => textWidth(s.features[i]!))) + 8);
  const plotW = 420;
  const rowH = 28;
  const img = createImage(label + plotW + 16, 40 + idx.length * rowH + 24, WHITE);
  drawText(img, `Attribution per example (${s.sample.length} sampled), colour: feature value, low (blue) to high (red)`, 4, 4, INK);
  let lim = 1e-30;
  for (const i of idx) for (const e of s.sample) lim = Math.max(lim, Math.abs(e.attributions[i]!));
  const x = (v: number) => label + Math.round(((v + lim) / (2 * lim)) * (plotW - 1));
  fillRect(img, x(0), 30, 1, idx.length * rowH, [180, 180, 180, 255]);
  const cmap = colormap('rdbu');
  idx.forEach((f, r) => {
    const cy = 30 + r * rowH + rowH / 2;
    drawText(img, s.features[f]!.slice(0, 36), 4, cy - 3, INK);
    const vals = s.sample.map((e) => e.input[f] ?? 0);
    const order = vals.map((v, k) => [v, k] as const).sort((a, b) => a[0] - b[0]);
    const rank = new Float64Array(vals.length);
    order.forEach(([, k], j) => (rank[k] = vals.length > 1 ? j / (vals.length - 1) : 0.5));
    const heights = new Map<number, number>();
    s.sample.forEach((e, k) => {
      const px = x(e.attributions[f]!);
      const n = heights.get(px >> 1) ?? 0;
      heights.set(px >> 1, n + 1);
      const dy = ((n % 2 ? 1 : -1) * Math.ceil(n / 2) * 2) % (rowH - 4);
      fillRect(img, px, cy + dy, 2, 2, colorAt(cmap, 1 - rank[k]!));
    });
  });
  const axisY = 34 + idx.length * rowH;
  drawText(img, (-lim).toPrecision(2), label, axisY, INK);
  drawText(img, '0', x(0) - 2, axisY, INK);
  drawText(img, lim.toPrecision(2), label + plotW - textWidth(lim.toPrecision(2)), axisY, INK);
  return img;
}

/** Average |attribution| map of image attributions (channels summed), overall and per class. */
function averageMaps(s: ResultsSummary): Image {
  const [h, w] = s.imageShape!;
  const ch = s.meanAbs.length / (h * w);
  const pool = (m: Float64Array) => Float32Array.from({ length: h * w }, (_, p) => {
    let t = 0;
    for (let c = 0; c < ch; c++) t += m[p * ch + c]!;
    return t;
  });
  const scale = Math.max(1, Math.floor(112 / Math.max(h, w)));
  const tile = (title: string, m: Float64Array) => {
    const { image } = renderHeatmap(pool(m), w, h, { scale });
    const t = createImage(image.width, image.height + 12, WHITE);
    drawText(t, title.slice(0, Math.floor(image.width / 6)), 0, 0, INK);
    blit(t, image, 0, 12);
    return t;
  };
  const tiles = [tile(`all ${s.examples}`, s.meanAbs), ...s.perClass.map((c) => tile(`${c.name} (${c.count})`, c.meanAbs))];
  const row = createImage(tiles.reduce((a, t) => a + t.width + 6, 0), tiles[0]!.height, WHITE);
  let x0 = 0;
  for (const t of tiles) {
    blit(row, t, x0, 0);
    x0 += t.width + 6;
  }
  return row;
}

/** The summary picture: importance bars (overall, per class) and a beeswarm, or average maps for images. */
export function renderSummaryImage(s: ResultsSummary): Image {
  const title = `${s.header.method} on ${s.header.model.name}: ${s.examples} examples`;
  if (s.imageShape) return stackImages([averageMaps(s)], { title: `${title}, mean |attribution| per pixel` });
  const parts = [barChart('Mean |attribution| (all examples)', s.features, s.meanAbs)];
  if (s.perClass.length > 1 && s.perClass.length <= 10) for (const c of s.perClass) parts.push(barChart(`Mean |attribution|, class ${c.name} (${c.count})`, s.features, c.meanAbs));
  if (s.sample.length && s.sample[0]!.input.length === s.meanAbs.length) parts.push(beeswarm(s));
  return stackImages(parts, { title });
}

/** `summary.png` bytes or a self-contained `summary.html` (the picture and a table of every feature). */
export function renderSummary(s: ResultsSummary, format: 'png' | 'html'): Uint8Array | string {
  const img = renderSummaryImage(s);
  if (format === 'png') return encodePng(img);
  const order = topK(s.meanAbs, s.meanAbs.length);
  const cls = s.perClass.length > 1 ? s.perClass : [];
  const rows = order
    .map((i) => `<tr><td>${escapeHtml(s.features[i]!)}</td><td>${s.meanAbs[i]!.toPrecision(4)}</td>${cls.map((c) => `<td>${c.meanAbs[i]!.toPrecision(4)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(s.header.method)} summary</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td:first-child{text-align:left}</style></head>
<body><h1>${escapeHtml(s.header.method)} on ${escapeHtml(s.header.model.name)}: ${s.examples} examples</h1>
<img alt="summary" src="${pngDataUrl(img)}">
<h2>Mean |attribution| per feature</h2>
<table><tr><th>feature</th><th>all</th>${cls.map((c) => `<th>${escapeHtml(c.name)} (${c.count})</th>`).join('')}</tr>
${s.imageShape ? '' : rows}</table></body></html>`;
}
