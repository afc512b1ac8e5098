import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { AttentionLayer, AttentionLayerCall } from './AttentionLayer';
import { firstInput } from './firstInput';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** Configuration shared by the self-attention layers. */
export interface SelfAttentionLayerArgs extends LayerArgs {
  numHeads: number;
  /** Size of each head's queries, keys and values (default `dModel / numHeads`). */
  keyDim?: number | undefined;
  /** Dropout rate on the attention weights while training (default 0). */
  dropout?: number | undefined;
  /** Seed of the weight initialisers, for reproducible models. */
  seed?: number | undefined;
}

/**
 * What {@link MultiHeadSelfAttention} and {@link TransformerEncoder} share: shape- and
 * mask-preserving tfjs-layers plumbing, attention recording of ordinary calls, and
 * {@link AttentionLayer.forwardWithAttention}. Subclasses add their weights in `build` and
 * implement `run`. Not registered with tfjs serialisation itself: each subclass keeps its own
 * `className` and config.
 */
export abstract class SelfAttentionLayer extends tfl.layers.Layer implements AttentionLayer {
  readonly numHeads: number;
  readonly keyDim?: number | undefined;
  readonly dropout: number;
  readonly seed?: number | undefined;
  private recorded: tf.Tensor[] | null = null;

  constructor(args: SelfAttentionLayerArgs) {
    super(args);
    if (!Number.isInteger(args.numHeads) || args.numHeads < 1) throw new RangeError(`numHeads must be a positive integer; got ${args.numHeads}`);
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.dropout = args.dropout ?? 0;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  /** The forward pass; the attention weights are returned when `withAttention` (else may be null). */
  protected abstract run(x: tf.Tensor, call: AttentionLayerCall, withAttention: boolean): { output: tf.Tensor; attention: tf.Tensor | null };

  /** The model dimension (last axis) of the input shape `build` receives. */
  protected static modelDim(inputShape: tfl.Shape | tfl.Shape[]): number {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const d = shape[shape.length - 1];
    if (d == null) throw new RangeError(`the last axis of the input must have a known size; got shape [${shape.join(', ')}]`);
    return d;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return (Array.isArray(mask) ? mask[0] : mask) as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs, this.name);
      const { output, attention } = this.run(x, { mask: kwargs.mask as tf.Tensor | undefined, training: kwargs.training === true }, !!this.recorded);
      if (this.recorded && attention) this.recorded.push(tf.keep(attention));
      return output;
    });
  }

  forwardWithAttention(x: tf.Tensor, call: AttentionLayerCall = {}): { output: tf.Tensor; attention: tf.Tensor } {
    return this.run(x, call, true) as { output: tf.Tensor; attention: tf.Tensor };
  }

  startRecording(): void {
    this.recorded ??= [];
  }

  stopRecording(): tf.Tensor[] {
    const out = this.recorded ?? [];
    this.recorded = null;
    return out;
  }
}
