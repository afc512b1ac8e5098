import type { Explanation } from '@glassbox/core';
import { attributionGrid } from './attributionGrid';
import { colorScaleFor, type ColorScaleOptions } from './ColorScale';
import type { Image } from './Image';
import { upscale } from './imageOps';
import { renderGrid, type GridCell } from './renderGrid';
import { renderHeatmap } from './renderHeatmap';
import { renderInputImage } from './renderInputImage';
import { autoScale } from './renderExplanationImage';

/** Options of {@link renderExplanationGrid}. */
export interface ExplanationGridOptions extends Omit<ColorScaleOptions, 'range'> {
  /** Examples to show as rows (default: all, at most 8). */
  examples?: number[] | undefined;
  /** How to view flat inputs/attributions as images, e.g. `[28, 28]`. */
  imageShape?: number[] | undefined;
  /** `column`: one scale per method over all its rows (legend in numbers, default); `image`: each picture its own. */
  shareScale?: 'column' | 'image' | undefined;
  /** Show the input as the first column (default true). */
  input?: boolean | undefined;
  /** Integer magnification (default: longer side ≥ 84 px). */
  scale?: number | undefined;
}

/**
 * Compares methods on the same inputs: one column per explanation (titled with its method), one
 * row per example (labelled with its index and target), the input first, a legend per column.
 *
 * @example
 * ```ts
 * const img = renderExplanationGrid([saliencyE, smoothGradE, igE], { examples: [0, 1, 2] });
 * await fs.writeFile('compare.png', encodePng(img));
 * ```
 */
export function renderExplanationGrid(explanations: Explanation[], options: ExplanationGridOptions = {}): Image {
  const [first] = explanations;
  if (!first) return renderGrid([]);
  const examples = options.examples ?? Array.from({ length: Math.min(8, first.attributionShape[0] ?? 0) }, (_, i) => i);
  const signedSum = options.signed !== false;
  const columns = explanations.map((e) => {
    const grids = examples.map((i) => attributionGrid(e, i, { imageShape: options.imageShape, signed: signedSum }));
    const shared = options.shareScale !== 'image'
      ? colorScaleFor(concat(grids.map((g) => g.values)), options)
      : undefined;
    return grids.map((g): GridCell => {
      const o = shared ? { ...options, signed: shared.signed, colormap: shared.colormap, range: [shared.min, shared.max] as [number, number] } : options;
      const h = renderHeatmap(g.values, g.width, g.height, { ...o, scale: options.scale ?? autoScale(g.width, g.height, 84) });
      return shared ? { image: h.image, colorScale: { ...h.colorScale, clip: shared.clip } } : h;
    });
  });
  const withInput = options.input !== false;
  const rows = examples.map((ex, r) => {
    const images: GridCell[] = columns.map((col) => col[r]!); // one cell per example in each column
    if (withInput) {
      const input = renderInputImage(first, ex, { imageShape: options.imageShape });
      images.unshift(upscale(input, options.scale ?? autoScale(input.width, input.height, 84)));
    }
    const target = first.targets[ex];
    const cls = target === undefined ? undefined : first.labels?.classes?.[target];
    return { label: `#${ex} ${cls ?? `y=${target}`}`, images };
  });
  return renderGrid(rows, { columns: [...(withInput ? ['input'] : []), ...explanations.map((e) => e.method)] });
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
