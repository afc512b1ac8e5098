import * as tf from '@tensorflow/tfjs-core';

// tfjs's cpu backend broadcasts elementwise ops through a per-element index conversion that is
// one to two orders of magnitude slower than its same-shape loop. On that backend these helpers
// broadcast with matrix products by ones instead, so that every elementwise op sees equal
// shapes; other backends broadcast natively and get the plain ops (fewer kernels).

/** True where broadcasting elementwise ops are slow (the tfjs cpu backend). */
export function slowBroadcast(): boolean {
  if (!tf.getBackend()) void tf.engine().backend; // initialises the default backend, as the first op would
  return tf.getBackend() === 'cpu';
}

/** `[n]` (or `[n, 1]`) repeated along a new last axis of size `cols`: `[n, cols]`. */
export function repeatColumns(v: tf.Tensor, cols: number): tf.Tensor2D {
  const n = v.size;
  return tf.matMul(tf.reshape(v, [n, 1]) as tf.Tensor2D, tf.ones([1, cols]));
}

/** `[cols]` repeated as `rows` rows: `[rows, cols]`. */
export function repeatRows(v: tf.Tensor, rows: number): tf.Tensor2D {
  return tf.matMul(tf.ones([rows, 1]), tf.reshape(v, [1, v.size]) as tf.Tensor2D);
}

/** `x [n, m] + bias [m]`, differentiable in both. */
export function addBias(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return tf.add(x, slowBroadcast() ? repeatRows(bias, x.shape[0]!) : bias);
}

/**
 * Softmax over the last axis with its own gradient `A ⊙ (dA − Σ(dA ⊙ A))`, both written
 * without broadcasting.
 */
export function rowSoftmax(x: tf.Tensor): tf.Tensor {
  if (!slowBroadcast()) return tf.softmax(x);
  const shape = x.shape;
  const cols = shape[shape.length - 1]!;
  const rows = x.size / cols;
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const logits = tf.reshape(args[0] as tf.Tensor, [rows, cols]);
    const save = args[1] as tf.GradSaveFunc;
    const e = tf.exp(tf.sub(logits, repeatColumns(tf.max(logits, 1), cols)));
    const a = tf.div(e, repeatColumns(tf.sum(e, 1), cols));
    save([a]);
    return {
      value: tf.reshape(a, shape),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [y] = saved as [tf.Tensor];
        const d = tf.reshape(dy as tf.Tensor, [rows, cols]);
        return [tf.reshape(tf.mul(y, tf.sub(d, repeatColumns(tf.sum(tf.mul(d, y), 1), cols))), shape)];
      },
    };
  })(x);
}

/** Layer normalisation over the last axis with scale `gamma` and shift `beta`. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon = 1e-5): tf.Tensor {
  if (!slowBroadcast()) {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
  }
  const shape = x.shape;
  const d = shape[shape.length - 1]!;
  const n = x.size / d;
  const flat = tf.reshape(x, [n, d]) as tf.Tensor2D;
  const perRow = tf.fill([d, 1], 1 / d) as tf.Tensor2D;
  const centered = tf.sub(flat, repeatColumns(tf.matMul(flat, perRow), d));
  const variance = tf.matMul(tf.square(centered), perRow);
  const normalized = tf.mul(centered, repeatColumns(tf.rsqrt(tf.add(variance, epsilon)), d));
  return tf.reshape(tf.add(tf.mul(normalized, repeatRows(gamma, n)), repeatRows(beta, n)), shape);
}
