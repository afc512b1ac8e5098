import { absolute, noiseTunnel, normalize, pipeline, type Explanation, type Model, type PipelineStep, type Progress } from '@glassbox/core';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { deletionStep, infidelityStep, insertionStep, maxSensitivityStep, randomizationStep } from '@glassbox/metrics';
import { renderStep } from '@glassbox/viz';

/** Settings of {@link smoothIgPipeline}. */
export interface SmoothIgSettings {
  /** Noisy copies per input (SmoothGrad). */
  samples: number;
  /** Integration points per copy (integrated gradients). */
  steps: number;
  /** SmoothGrad noise, as a fraction of each input's value range. */
  noiseLevel: number;
  /** Backend of the explanation stage (SmoothGrad around IG). */
  explainBackend?: string | undefined;
  /** Backend of the metric stages. */
  metricsBackend?: string | undefined;
  /** Also run the model-randomisation sanity check (needs a layers model). */
  sanityCheck?: boolean;
  seed?: number;
  /** Flat output index to explain (default 0: P(3) for the MNIST "is it a 3?" model). */
  target?: number;
  onProgress?: ((p: Progress) => void) | undefined;
}

/** The scored explanation (metrics in `explanation.metrics`), the rendered PNG and the stages. */
export interface SmoothIgRun {
  explanation: Explanation<'attribution'>;
  png: Uint8Array;
  stages: string[];
}

/**
 * SmoothGrad around integrated gradients → |·| → per-example max normalisation → deletion and
 * insertion curves, infidelity and max-sensitivity (and optionally the randomisation check) → a
 * PNG heatmap of the first example over its input. The explanation stage and the metric stages
 * each run on their chosen backend. Max-sensitivity and the sanity check re-explain through the
 * whole composition, so they measure SmoothGrad(IG) → |·| → normalise, not bare IG.
 *
 * @example
 * ```ts
 * const run = await smoothIgPipeline(model, digits, { samples: 8, steps: 16, noiseLevel: 0.1, explainBackend: 'wasm' });
 * run.explanation.metrics.deletion; // curves and areas
 * ```
 */
export async function smoothIgPipeline(model: Model, inputs: { values: Float32Array; shape: number[] }, settings: SmoothIgSettings): Promise<SmoothIgRun> {
  const { samples, steps, noiseLevel, explainBackend, metricsBackend, seed = 0, target = 0 } = settings;
  const smoothIg = noiseTunnel(integratedGradients({ steps }), { samples, noiseLevel, name: 'smoothgrad(integrated-gradients)' });
  let scored: Explanation<'attribution'> | undefined;
  // Keeps the scored explanation: the render stage that follows returns only the picture.
  const keep: PipelineStep<Explanation<'attribution'>, Explanation<'attribution'>> = {
    name: 'keep',
    plugin: '@glassbox-examples/pipelines',
    observes: true,
    run: (e) => (scored = e),
  };
  const backend = metricsBackend === undefined ? {} : { backend: metricsBackend };
  let composed = pipeline(smoothIg, explainBackend === undefined ? {} : { backend: explainBackend })
    .use(absolute())
    .use(normalize())
    .use(deletionStep({ steps: 28, unit: 'pixel', baseline: 0, ...backend }))
    .use(insertionStep({ steps: 28, unit: 'pixel', baseline: 0, ...backend }))
    .use(infidelityStep({ samples: 32, noiseStd: 0.05, ...backend }))
    .use(maxSensitivityStep({ samples: 3, radius: 0.05, ...backend }));
  if (settings.sanityCheck) composed = composed.use(randomizationStep({ ...backend }));
  const rendering = composed.use(keep).use(renderStep<'attribution'>({ format: 'png', overlay: true, title: 'SmoothGrad(IG)', scale: 6 }));
  const rendered = await rendering.run(model, inputs, { target, seed, ...(settings.onProgress ? { onProgress: settings.onProgress } : {}) });
  return { explanation: scored!, png: rendered.data as Uint8Array, stages: rendering.describe() };
}
