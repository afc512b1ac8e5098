import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { firstInput } from './firstInput';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** Configuration of {@link SequencePooling}. */
export interface SequencePoolingArgs extends LayerArgs {
  /** `first`: the first token's vector (a `[CLS]` token); `mean`: the mean over unmasked tokens. Default `first`. */
  mode?: 'first' | 'mean' | undefined;
}

/**
 * Pools `[batch, seq, d]` to `[batch, d]`, honouring the padding mask (tfjs's global pooling layers
 * refuse masks). Registered for serialisation as `GlassboxSequencePooling`.
 *
 * @example
 * ```ts
 * const pooled = new SequencePooling({ mode: 'first' }).apply(encoded); // the [CLS] vector
 * ```
 */
export class SequencePooling extends tfl.layers.Layer {
  static className = 'GlassboxSequencePooling';
  readonly mode: 'first' | 'mean';

  constructor(args: SequencePoolingArgs = {}) {
    super(args);
    this.mode = args.mode ?? 'first';
    if (this.mode !== 'first' && this.mode !== 'mean') throw new RangeError(`mode must be "first" or "mean"; got ${String(this.mode)}`);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return [shape[0] ?? null, shape[shape.length - 1] ?? null];
  }

  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor; // pooled output carries no mask
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs, this.name);
      const [b, s, d] = x.shape as [number, number, number];
      if (this.mode === 'first') return tf.reshape(tf.slice(x, [0, 0, 0], [b, 1, d]), [b, d]);
      const mask = kwargs.mask as tf.Tensor | undefined;
      if (!mask) return tf.mean(x, 1);
      const m = tf.reshape(tf.cast(mask, 'float32'), [b, s, 1]);
      return tf.div(tf.sum(tf.mul(x, m), 1), tf.maximum(tf.sum(m, 1), 1));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}
tf.serialization.registerClass(SequencePooling);
