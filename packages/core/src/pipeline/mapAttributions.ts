import type { Explanation } from '../explanation/Explanation';
import type { PipelineStep } from './PipelineStep';

/** Kinds whose attributions are values to post-process (not surrogate importances). */
export type AttributionKind = 'attribution' | 'layer-attribution' | 'token-attribution' | 'attention-map';

/**
 * A post-processing step that maps each example's attributions to new ones of the same length,
 * preserving the explanation's kind (so it composes after any attribution method).
 */
export function mapAttributions<E extends Explanation<AttributionKind, any>>(
  name: string,
  fn: (values: Float32Array, example: number) => Float32Array,
  record: Record<string, unknown> = {},
): PipelineStep<E, E> {
  return {
    name,
    plugin: '@glassbox/core',
    accepts: ['attribution', 'layer-attribution', 'token-attribution', 'attention-map'],
    run: (e) => {
      const batch = e.attributionShape[0] ?? 1;
      const per = e.attributions.length / batch;
      const out = new Float32Array(e.attributions.length);
      for (let i = 0; i < batch; i++) out.set(fn(e.attributions.subarray(i * per, (i + 1) * per), i), i * per);
      const post = [...((e.diagnostics.postprocessing as unknown[]) ?? []), { step: name, ...record }];
      return { ...e, attributions: out, convergenceDelta: undefined, diagnostics: { ...e.diagnostics, postprocessing: post } };
    },
  };
}
