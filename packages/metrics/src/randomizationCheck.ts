import { InvalidOptionError, UnsupportedModelError, type Explanation, type LayerInfo, type Model, type OptionSchema } from '@glassbox/core';
import { batchSize } from './batchSize';
import type { Metric, MetricResult, MetricRunOptions } from './Metric';
import { runMetric } from './runMetric';
import { spearman } from './rankCorrelation';

/** Options of {@link randomizationCheck}. */
export interface RandomizationOptions {
  /** Layers to randomise, top (output side) first; empty: every layer with weights. */
  layers: string[];
  /** `cascading`: randomise the top layer, then the top two, … (Adebayo et al.); `independent`: one layer at a time. */
  mode: 'cascading' | 'independent';
  /** Which correlation the score uses: of attribution magnitudes (`absolute`) or signed values. */
  by: 'absolute' | 'value';
}

/** One randomisation step: the layers randomised and the rank correlation with the original explanation. */
export interface RandomizationStep {
  layers: string[];
  /** Spearman ρ of signed attributions, per example. */
  spearman: number[];
  /** Spearman ρ of attribution magnitudes, per example. */
  spearmanAbs: number[];
  /** Mean of the correlation chosen by `by`. */
  mean: number;
}

/** The sanity check's steps. `perExample` is the correlation after the last cascading step (or the mean over independent steps). */
export interface RandomizationResult extends MetricResult {
  metric: 'randomization';
  mode: RandomizationOptions['mode'];
  steps: RandomizationStep[];
}

/** Layer classes without weights: randomising them changes nothing, so they are skipped by default. */
const WEIGHTLESS = new Set([
  'InputLayer', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'AlphaDropout',
  'GaussianDropout', 'GaussianNoise', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'MaxPooling1D',
  'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D',
  'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Masking', 'Add', 'Concatenate',
  'Multiply', 'Average', 'Maximum', 'Minimum',
]);

const schema: OptionSchema<RandomizationOptions> = {
  layers: {
    type: 'custom',
    default: [],
    description: 'Layers to randomise, top first (default: every layer with weights)',
    syntax: '<layer>,<layer>,…',
    parse: (v) => {
      const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s.length > 0)) throw new Error('expected layer names');
      return list as string[];
    },
  },
  mode: { type: 'enum', values: ['cascading', 'independent'], default: 'cascading', description: 'Randomise cumulatively from the top, or one layer at a time' },
  by: { type: 'enum', values: ['absolute', 'value'], default: 'absolute', description: 'Correlate attribution magnitudes or signed values' },
};

function layersToRandomize(model: Model, wanted: string[]): string[] {
  const all: LayerInfo[] = model.layers?.() ?? [];
  if (wanted.length === 0) {
    const top = all.filter((l) => !WEIGHTLESS.has(l.className)).map((l) => l.name).reverse();
    if (top.length === 0) throw new UnsupportedModelError(`Model "${model.name}" lists no layers with weights to randomise; name them with option "layers"`, { model: model.name });
    return top;
  }
  const known = new Set(all.map((l) => l.name));
  const unknown = all.length ? wanted.filter((w) => !known.has(w)) : [];
  if (unknown.length) {
    throw new InvalidOptionError(`Option "layers" of metric "randomization": no layer named ${unknown.join(', ')}; layers are ${[...known].join(', ')}`, { option: 'layers', unknown, known: [...known] });
  }
  return wanted;
}

/** The model-randomisation sanity check definition (see {@link randomizationCheck}). */
export const randomizationMetric: Metric<RandomizationOptions, RandomizationResult> = {
  name: 'randomization',
  description: 'Model-randomisation sanity check (Adebayo et al. 2018): rank correlation with the original explanation as layers are randomised (lower is better)',
  better: 'lower',
  accepts: ['attribution', 'layer-attribution', 'token-attribution'],
  reexplains: true,
  options: schema,
  async compute(e, model, options, { context, reexplain }) {
    if (!reexplain) {
      throw new InvalidOptionError('Metric "randomization" re-explains with randomised models: pass the explainer that made the explanation (option "explainer"), or run it as a pipeline step', {
        option: 'explainer',
        metric: 'randomization',
      });
    }
    if (!model.withRandomizedLayers) {
      throw new UnsupportedModelError(`Model "${model.name}" cannot randomise its layers (withRandomizedLayers); load it with loadModel or adapt it with fromLayersModel`, { model: model.name });
    }
    const names = layersToRandomize(model, options.layers);
    const plan = options.mode === 'cascading' ? names.map((_, k) => names.slice(0, k + 1)) : names.map((l) => [l]);
    const n = batchSize(e.attributionShape, 'randomization');
    const per = e.attributions.length / n;
    const seedOf = context.random.fork('randomization');
    const steps: RandomizationStep[] = [];
    for (const [s, layers] of plan.entries()) {
      context.throwIfAborted();
      const randomized = model.withRandomizedLayers(layers, seedOf.int(2 ** 31));
      let again: Pick<Explanation, 'attributions'>;
      try {
        again = await reexplain(randomized, { values: e.inputs, shape: e.inputShape }, { target: e.targets, signal: context.signal, memoryBudgetBytes: context.memoryBudgetBytes });
      } finally {
        randomized.dispose?.();
      }
      const rho: number[] = [], rhoAbs: number[] = [];
      for (let i = 0; i < n; i++) {
        const a = e.attributions.subarray(i * per, (i + 1) * per), b = again.attributions.subarray(i * per, (i + 1) * per);
        rho.push(spearman(a, b));
        rhoAbs.push(spearman(a.map(Math.abs), b.map(Math.abs)));
      }
      const chosen = options.by === 'absolute' ? rhoAbs : rho;
      steps.push({ layers, spearman: rho, spearmanAbs: rhoAbs, mean: chosen.reduce((x, y) => x + y, 0) / n });
      context.progress({ stage: 'randomization', done: s + 1, total: plan.length });
    }
    const pick = (st: RandomizationStep) => (options.by === 'absolute' ? st.spearmanAbs : st.spearman);
    const perExample =
      options.mode === 'cascading'
        ? pick(steps[steps.length - 1]!) // one step per entry of plan, which layersToRandomize keeps non-empty
        : Array.from({ length: n }, (_, i) => steps.reduce((sum, st) => sum + pick(st)[i]!, 0) / steps.length);
    return { metric: 'randomization', score: perExample.reduce((a, b) => a + b, 0) / n, perExample, better: 'lower', mode: options.mode, steps };
  },
};

/**
 * The model-randomisation sanity check (Adebayo et al. 2018): re-explain the same inputs and
 * targets with the top layer's weights randomised, then the top two, … down to the first
 * (`cascading`), and report the Spearman rank correlation with the original attributions at each
 * step. An explanation that depends on what the model learned decorrelates; one that stays
 * correlated is explaining the input, not the model. The original weights are restored after each step.
 *
 * @example
 * ```ts
 * const r = await randomizationCheck(e, model, { explainer: saliency(), seed: 1 });
 * r.steps.map((s) => [s.layers.at(-1), s.mean]); // correlation as randomisation cascades down
 * ```
 */
export function randomizationCheck(explanation: Explanation, model: Model, options: Partial<RandomizationOptions> & MetricRunOptions = {}): Promise<RandomizationResult> {
  return runMetric(randomizationMetric, explanation, model, options as Record<string, unknown>);
}
