import * as tfl from '@tensorflow/tfjs-layers';
import { SequencePooling } from './SequencePooling';
import { TokenEmbedding } from './TokenEmbedding';
import { TransformerEncoder } from './TransformerEncoder';

/** Options of {@link createTinyTransformer}. */
export interface TinyTransformerOptions {
  vocabularySize?: number | undefined;
  tokens?: number | undefined;
  dModel?: number | undefined;
  numHeads?: number | undefined;
  numLayers?: number | undefined;
  ffDim?: number | undefined;
  classes?: number | undefined;
  /** Initialiser seed: equal seeds give equal weights. */
  seed?: number | undefined;
  /** `first` pools a leading `[CLS]` token (default), `mean` the unmasked tokens. */
  pooling?: 'first' | 'mean' | undefined;
  normFirst?: boolean | undefined;
}

/**
 * A small seeded transformer classifier as a tfjs-layers model: token ids `[batch, tokens]` →
 * `TokenEmbedding` (id 0 is padding) → `numLayers` × `TransformerEncoder` → pooling → softmax.
 * For tests, conformance suites and benchmarks; wrap it with {@link attentionModel}.
 *
 * @example
 * ```ts
 * const model = attentionModel(createTinyTransformer({ numLayers: 2, numHeads: 2 }), { ownsModel: true });
 * ```
 */
export function createTinyTransformer(options: TinyTransformerOptions = {}): tfl.LayersModel {
  const {
    vocabularySize = 20,
    tokens = 6,
    dModel = 8,
    numHeads = 2,
    numLayers = 2,
    ffDim = 16,
    classes = 3,
    seed = 1,
    pooling = 'first',
    normFirst = true,
  } = options;
  const input = tfl.input({ shape: [tokens], name: 'token_ids' });
  let h = new TokenEmbedding({ vocabularySize, dModel, maxLength: tokens, maskZero: true, seed, name: 'embedding' }).apply(input) as tfl.SymbolicTensor;
  for (let l = 0; l < numLayers; l++) {
    h = new TransformerEncoder({ numHeads, ffDim, normFirst, seed: seed + 100 * (l + 1), name: `encoder_${l}` }).apply(h) as tfl.SymbolicTensor;
  }
  const pooled = new SequencePooling({ mode: pooling, name: 'pooling' }).apply(h) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({ units: classes, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 7 }), name: 'classifier' })
    .apply(pooled) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: `tiny-transformer-${seed}` });
}
