import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { AttentionLayerCall } from './AttentionLayer';
import { addAttentionWeights, readWeights } from './MultiHeadSelfAttention';
import { SelfAttentionLayer, type SelfAttentionLayerArgs } from './SelfAttentionLayer';
import { addBias, layerNorm } from './fastOps';
import { selfAttention, type SelfAttentionWeights } from './selfAttention';

type Variable = tfl.LayerVariable;

/** The weights of a {@link TransformerEncoder}: the attention block's, two layer norms and the feed-forward network. */
type EncoderVariables = Record<keyof SelfAttentionWeights, Variable> &
  Record<'norm1Gamma' | 'norm1Beta' | 'ffKernel1' | 'ffBias1' | 'ffKernel2' | 'ffBias2' | 'norm2Gamma' | 'norm2Beta', Variable>;

/** Configuration of {@link TransformerEncoder}. */
export interface TransformerEncoderArgs extends SelfAttentionLayerArgs {
  /** Hidden size of the feed-forward network (default `4 · dModel`). */
  ffDim?: number | undefined;
  /** Dropout rate on the attention weights and both residual branches while training (default 0). */
  dropout?: number | undefined;
  /** Layer norm before each sub-block (pre-LN, default, trains without warm-up) or after (post-LN, the original). */
  normFirst?: boolean | undefined;
  /** Layer-norm epsilon (default 1e-5). */
  epsilon?: number | undefined;
}

/**
 * One transformer encoder block as a single tfjs-layers layer: multi-head self-attention and a
 * ReLU feed-forward network, each with a residual connection and layer normalisation
 * (pre-LN: `h = x + MHA(LN₁(x))`, `y = h + FFN(LN₂(h))`; post-LN: `h = LN₁(x + MHA(x))`,
 * `y = LN₂(h + FFN(h))`). Honours the padding mask, serialises with the model (registered as
 * `GlassboxTransformerEncoder`), records its attention per call, and accepts attention offsets.
 *
 * @example
 * ```ts
 * let h = new TokenEmbedding({ vocabularySize: 2000, dModel: 32, maxLength: 64, maskZero: true }).apply(ids);
 * h = new TransformerEncoder({ numHeads: 4, ffDim: 64 }).apply(h);
 * ```
 */
export class TransformerEncoder extends SelfAttentionLayer {
  static className = 'GlassboxTransformerEncoder';
  readonly ffDim?: number | undefined;
  readonly normFirst: boolean;
  readonly epsilon: number;
  private vars?: EncoderVariables;

  constructor(args: TransformerEncoderArgs) {
    super(args);
    this.ffDim = args.ffDim;
    this.normFirst = args.normFirst ?? true;
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const d = SelfAttentionLayer.modelDim(inputShape);
    const ff = this.ffDim ?? 4 * d;
    const add = (name: string, s: number[], init: ReturnType<typeof tfl.initializers.zeros>) =>
      (this as unknown as { addWeight: (...a: unknown[]) => Variable }).addWeight(name, s, 'float32', init, undefined, true);
    const glorot = (k: number) => tfl.initializers.glorotUniform(this.seed === undefined ? {} : { seed: this.seed + k });
    this.vars = {
      ...addAttentionWeights(this, 'attention/', d, this.numHeads, this.keyDim, this.seed),
      norm1Gamma: add('norm1/gamma', [d], tfl.initializers.ones()),
      norm1Beta: add('norm1/beta', [d], tfl.initializers.zeros()),
      ffKernel1: add('ffn/kernel1', [d, ff], glorot(11)),
      ffBias1: add('ffn/bias1', [ff], tfl.initializers.zeros()),
      ffKernel2: add('ffn/kernel2', [ff, d], glorot(12)),
      ffBias2: add('ffn/bias2', [d], tfl.initializers.zeros()),
      norm2Gamma: add('norm2/gamma', [d], tfl.initializers.ones()),
      norm2Beta: add('norm2/beta', [d], tfl.initializers.zeros()),
    };
    this.built = true;
  }

  protected override run(x: tf.Tensor, call: AttentionLayerCall, withAttention: boolean): { output: tf.Tensor; attention: tf.Tensor | null } {
    const v = this.vars;
    if (!v) throw new Error(`layer ${this.name} is not built; apply it to an input first`);
    const [b, s, d] = x.shape as [number, number, number];
    const drop = (t: tf.Tensor) => (call.training && this.dropout ? tf.dropout(t, this.dropout) : t);
    const norm = (t: tf.Tensor, g: Variable, be: Variable) => layerNorm(t, g.read(), be.read(), this.epsilon);
    const ffn = (t: tf.Tensor) => {
      const flat = tf.reshape(t, [b * s, d]) as tf.Tensor2D;
      const hidden = tf.relu(addBias(tf.matMul(flat, v.ffKernel1.read() as tf.Tensor2D), v.ffBias1.read())) as tf.Tensor2D;
      return tf.reshape(addBias(tf.matMul(hidden, v.ffKernel2.read() as tf.Tensor2D), v.ffBias2.read()), [b, s, d]);
    };
    const weights = readWeights(v);
    const attend = (t: tf.Tensor) =>
      selfAttention(t, weights, this.numHeads, { mask: call.mask, offset: call.offset, training: call.training, dropout: this.dropout, withAttention });
    if (this.normFirst) {
      const a = attend(norm(x, v.norm1Gamma, v.norm1Beta));
      const h = tf.add(x, drop(a.output));
      return { output: tf.add(h, drop(ffn(norm(h, v.norm2Gamma, v.norm2Beta)))), attention: a.attention };
    }
    const a = attend(x);
    const h = norm(tf.add(x, drop(a.output)), v.norm1Gamma, v.norm1Beta);
    return { output: norm(tf.add(h, drop(ffn(h))), v.norm2Gamma, v.norm2Beta), attention: a.attention };
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { numHeads: this.numHeads, dropout: this.dropout, normFirst: this.normFirst, epsilon: this.epsilon };
    if (this.ffDim !== undefined) config.ffDim = this.ffDim;
    if (this.keyDim !== undefined) config.keyDim = this.keyDim;
    if (this.seed !== undefined) config.seed = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(TransformerEncoder);
