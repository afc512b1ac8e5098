import type { Explanation, ExplanationKind, PipelineStep } from '@glassbox/core';
import { renderExplanation, type RenderOptions } from './renderExplanation';
import { renderableKinds } from './renderTable';
import type { Rendered } from './Rendered';

/**
 * A pipeline step that renders the explanation (see {@link renderExplanation}); put it last.
 * `accepts` lists the kinds the chosen format supports.
 *
 * @example
 * ```ts
 * const png = await pipeline(integratedGradients()).use(renderStep({ format: 'png', overlay: true }))
 *   .run(model, x, { target: 3 });
 * await fs.writeFile('ig.png', png.data as Uint8Array);
 * ```
 */
export function renderStep<K extends ExplanationKind = ExplanationKind>(options: RenderOptions): PipelineStep<Explanation<K>, Rendered> {
  return {
    name: `render-${options.format}`,
    plugin: '@glassbox/viz',
    accepts: renderableKinds(options.format),
    run: (e) => renderExplanation(e as Explanation, options),
  };
}
