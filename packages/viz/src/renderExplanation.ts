import type { Explanation, ExplanationKind } from '@glassbox/core';
import type { ExplanationImageOptions } from './renderExplanationImage';
import type { Rendered } from './Rendered';
import { RENDER_MIME, renderableKinds, renderFormats, rendererFor, type RenderFormat } from './renderTable';
import { invalidInput, invalidOption } from './vizError';
import { explanationTitle } from './explanationTitle';

/** Options of {@link renderExplanation} and {@link renderStep}. */
export interface RenderOptions extends ExplanationImageOptions {
  format: RenderFormat;
}

/** Which kinds each format renders with the built-in renderers (a snapshot of the render table; `renderableKinds` is live). */
export const RENDER_FORMATS: Record<RenderFormat, readonly ExplanationKind[]> = Object.fromEntries(
  renderFormats().map((f) => [f, renderableKinds(f)]),
) as unknown as Record<RenderFormat, readonly ExplanationKind[]>;

/**
 * Renders one explanation to PNG, SVG or a self-contained HTML page, choosing the picture by its
 * kind from the kind × format render table: image heatmaps (`attribution`, `layer-attribution`),
 * highlighted tokens (`token-attribution`), attention matrices, surrogate trees, and for `html` a
 * one-explanation {@link renderReport}.
 *
 * @example
 * ```ts
 * const { data, mime } = renderExplanation(e, { format: 'png', example: 1, overlay: true });
 * ```
 */
export function renderExplanation(e: Explanation, options: RenderOptions): Rendered {
  const { format } = options;
  if (!(format in RENDER_MIME)) throw invalidOption(`Unknown render format "${String(format)}"; use ${renderFormats().join(', ')}`, { format });
  const render = rendererFor(e.kind, format);
  if (!render) {
    const ok = renderFormats(e.kind);
    throw invalidInput(`A "${e.kind}" explanation cannot be rendered as ${format}${ok.length ? `; it can as ${ok.join(', ')}` : ': no renderer is registered for its kind'}`, { kind: e.kind, format });
  }
  // Class names (and source files) are part of every picture when the explanation has them.
  if (format !== 'html' && options.title === undefined && e.kind !== 'surrogate' && e.kind !== 'attention-map') {
    options = { ...options, title: explanationTitle(e, options.example ?? 0) };
  }
  return { format, mime: RENDER_MIME[format], data: render(e, options) };
}
