import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { AttentionLayerCall } from './AttentionLayer';
import { SelfAttentionLayer, type SelfAttentionLayerArgs } from './SelfAttentionLayer';
import { selfAttention, type SelfAttentionWeights } from './selfAttention';

type Variable = tfl.LayerVariable;
type Initializer = ReturnType<typeof tfl.initializers.zeros>;

/** Configuration of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs extends SelfAttentionLayerArgs {}

/**
 * Multi-head scaled dot-product self-attention for tfjs-layers models: `[batch, seq, dModel]` →
 * `[batch, seq, dModel]` (no residual, no normalisation; see {@link TransformerEncoder} for a
 * whole block). It honours the padding mask tfjs-layers propagates from an embedding with
 * `maskZero`, serialises with the model (registered as `GlassboxMultiHeadSelfAttention`), can
 * record its attention weights per call, and accepts additive attention offsets.
 *
 * @example
 * ```ts
 * const ids = tf.input({ shape: [16] });
 * const emb = new TokenEmbedding({ vocabularySize: 100, dModel: 32, maxLength: 16, maskZero: true }).apply(ids);
 * const att = new MultiHeadSelfAttention({ numHeads: 4 }).apply(emb);
 * ```
 */
export class MultiHeadSelfAttention extends SelfAttentionLayer {
  static className = 'GlassboxMultiHeadSelfAttention';
  private weightsOf?: Record<keyof SelfAttentionWeights, Variable>;

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const dModel = SelfAttentionLayer.modelDim(inputShape);
    this.weightsOf = addAttentionWeights(this, '', dModel, this.numHeads, this.keyDim, this.seed);
    this.built = true;
  }

  protected override run(x: tf.Tensor, call: AttentionLayerCall, withAttention: boolean): { output: tf.Tensor; attention: tf.Tensor | null } {
    if (!this.weightsOf) throw new Error(`layer ${this.name} is not built; apply it to an input first`);
    return selfAttention(x, readWeights(this.weightsOf), this.numHeads, { ...call, dropout: this.dropout, withAttention });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { numHeads: this.numHeads, dropout: this.dropout };
    if (this.keyDim !== undefined) config.keyDim = this.keyDim;
    if (this.seed !== undefined) config.seed = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(MultiHeadSelfAttention);

/** Adds the eight projection weights of a self-attention block to `layer` (names prefixed by `prefix`). */
export function addAttentionWeights(
  layer: tfl.layers.Layer,
  prefix: string,
  dModel: number,
  numHeads: number,
  keyDim: number | undefined,
  seed: number | undefined,
): Record<keyof SelfAttentionWeights, Variable> {
  const inner = (keyDim ?? dModel / numHeads) * numHeads;
  if (!Number.isInteger(inner) || inner < numHeads) {
    throw new RangeError(`dModel ${dModel} is not divisible by numHeads ${numHeads}; give keyDim explicitly`);
  }
  const add = (name: string, shape: number[], init: Initializer) =>
    (layer as unknown as { addWeight: (...a: unknown[]) => Variable }).addWeight(`${prefix}${name}`, shape, 'float32', init, undefined, true);
  const glorot = (k: number) => tfl.initializers.glorotUniform(seed === undefined ? {} : { seed: seed + k });
  const zeros = tfl.initializers.zeros();
  return {
    queryKernel: add('query/kernel', [dModel, inner], glorot(1)),
    queryBias: add('query/bias', [inner], zeros),
    keyKernel: add('key/kernel', [dModel, inner], glorot(2)),
    keyBias: add('key/bias', [inner], zeros),
    valueKernel: add('value/kernel', [dModel, inner], glorot(3)),
    valueBias: add('value/bias', [inner], zeros),
    outputKernel: add('output/kernel', [inner, dModel], glorot(4)),
    outputBias: add('output/bias', [dModel], zeros),
  };
}

/** The current values of attention weight variables. */
export function readWeights(v: Record<keyof SelfAttentionWeights, Variable>): SelfAttentionWeights {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, (x as Variable).read()])) as unknown as SelfAttentionWeights;
}
