import * as tfl from '@tensorflow/tfjs-layers';
import { SequencePooling, TokenEmbedding, TransformerEncoder } from '@glassbox/attention';

/** Shape of the spam classifier. */
export interface ClassifierConfig {
  vocabularySize: number;
  sequenceLength: number;
  dModel: number;
  numHeads: number;
  numLayers: number;
  ffDim: number;
  dropout: number;
  seed: number;
}

/** The configuration the committed model was trained with. */
export const DEFAULT_CONFIG: Omit<ClassifierConfig, 'vocabularySize' | 'sequenceLength'> = {
  dModel: 32,
  numHeads: 4,
  numLayers: 2,
  ffDim: 64,
  dropout: 0.1,
  seed: 42,
};

/**
 * A small transformer encoder classifier: token ids `[batch, sequenceLength]` (id 0 padding, id 1
 * `[CLS]` first) → token + position embeddings → `numLayers` pre-LN encoder blocks → the `[CLS]`
 * vector → softmax over ham / spam.
 *
 * @example
 * ```ts
 * const model = buildClassifier({ ...DEFAULT_CONFIG, vocabularySize: 4000, sequenceLength: 64 });
 * ```
 */
export function buildClassifier(c: ClassifierConfig): tfl.LayersModel {
  const input = tfl.input({ shape: [c.sequenceLength], name: 'token_ids' });
  let h = new TokenEmbedding({ vocabularySize: c.vocabularySize, dModel: c.dModel, maxLength: c.sequenceLength, maskZero: true, seed: c.seed, name: 'embedding' }).apply(input) as tfl.SymbolicTensor;
  for (let l = 0; l < c.numLayers; l++) {
    h = new TransformerEncoder({ numHeads: c.numHeads, ffDim: c.ffDim, dropout: c.dropout, seed: c.seed + 100 * (l + 1), name: `encoder_${l}` }).apply(h) as tfl.SymbolicTensor;
  }
  const cls = new SequencePooling({ mode: 'first', name: 'cls' }).apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + 7 }), name: 'classifier' })
    .apply(cls) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out, name: 'spam-transformer' });
}
