import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { AttentionLayer, AttentionLayerCall } from './AttentionLayer';
import { selfAttention, type SelfAttentionWeights } from './selfAttention';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
type Variable = tfl.LayerVariable;
type Initializer = ReturnType<typeof tfl.initializers.zeros>;

/** Configuration of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs extends LayerArgs {
  numHeads: number;
  /** Size of each head's queries, keys and values (default `dModel / numHeads`). */
  keyDim?: number;
  /** Dropout rate on the attention weights while training (default 0). */
  dropout?: number;
  /** Seed of the weight initialisers, for reproducible models. */
  seed?: number;
}

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
export class MultiHeadSelfAttention extends tfl.layers.Layer implements AttentionLayer {
  static className = 'GlassboxMultiHeadSelfAttention';
  readonly numHeads: number;
  readonly keyDim?: number;
  readonly dropout: number;
  readonly seed?: number;
  private weightsOf?: Record<keyof SelfAttentionWeights, Variable>;
  private recorded: tf.Tensor[] | null = null;

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    if (!Number.isInteger(args.numHeads) || args.numHeads < 1) throw new RangeError(`numHeads must be a positive integer; got ${args.numHeads}`);
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.dropout = args.dropout ?? 0;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const dModel = shape[shape.length - 1]!;
    this.weightsOf = addAttentionWeights(this, '', dModel, this.numHeads, this.keyDim, this.seed);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return (Array.isArray(mask) ? mask[0] : mask) as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const { output, attention } = this.run(x, { mask: kwargs.mask as tf.Tensor | undefined, training: kwargs.training === true }, !!this.recorded);
      if (this.recorded && attention) this.recorded.push(tf.keep(attention));
      return output;
    });
  }

  forwardWithAttention(x: tf.Tensor, call: AttentionLayerCall = {}): { output: tf.Tensor; attention: tf.Tensor } {
    return this.run(x, call, true) as { output: tf.Tensor; attention: tf.Tensor };
  }

  private run(x: tf.Tensor, call: AttentionLayerCall, withAttention: boolean) {
    if (!this.weightsOf) throw new Error(`layer ${this.name} is not built; apply it to an input first`);
    return selfAttention(x, readWeights(this.weightsOf), this.numHeads, { ...call, dropout: this.dropout, withAttention });
  }

  startRecording(): void {
    this.recorded ??= [];
  }

  stopRecording(): tf.Tensor[] {
    const out = this.recorded ?? [];
    this.recorded = null;
    return out;
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
  const glorot = (k: number) => tfl.initializers.glorotUniform({ seed: seed === undefined ? undefined : seed + k });
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
