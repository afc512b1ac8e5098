import * as tf from '@tensorflow/tfjs-core';

/** A tfjs-layers `LayerVariable` (structural). */
export interface VariableLike {
  read(): tf.Variable;
}

/** The parts of a tfjs-layers `BatchNormalization` layer that folding reads. */
export interface BatchNormLike {
  epsilon: number;
  gamma: VariableLike | null;
  beta: VariableLike | null;
  movingMean: VariableLike;
  movingVariance: VariableLike;
}

/**
 * A layer's kernel and bias with inference-mode batch normalisations folded in:
 * `bn(conv(x, W) + b) = conv(x, W·s) + (b − mean)·s + beta` with `s = gamma / √(var + ε)` per output
 * channel (for a depthwise kernel `[h, w, in, multiplier]` the output channel is `in·multiplier + m`).
 * The folded tensors are kept outside any tidy scope and recomputed when a source variable's data
 * changes (e.g. `setWeights`), so their count stays constant; `dispose()` frees them.
 */
export class FoldedWeights {
  private readonly norms: BatchNormLike[] = [];
  private folded: { filter: tf.Tensor; bias: tf.Tensor | null } | null = null;
  private key: unknown[] = [];

  constructor(
    private readonly kernel: VariableLike,
    private readonly bias: VariableLike | null | undefined,
    private readonly layout: 'conv' | 'depthwise' | 'dense',
  ) {}

  /** Adds a batch normalisation that follows the layer (before any activation). */
  foldBatchNorm(bn: BatchNormLike): void {
    this.norms.push(bn);
    this.refresh();
  }

  private sources(): tf.Tensor[] {
    const list: tf.Tensor[] = [this.kernel.read()];
    if (this.bias) list.push(this.bias.read());
    for (const n of this.norms) {
      list.push(n.movingMean.read(), n.movingVariance.read());
      if (n.gamma) list.push(n.gamma.read());
      if (n.beta) list.push(n.beta.read());
    }
    return list;
  }

  private refresh(): void {
    this.dispose();
    const sources = this.sources();
    this.key = sources.map((t) => t.dataId);
    // Scales in float64, each weight rounded once: folding adds no more error than storing them did.
    const src = this.kernel.read().dataSync() as Float32Array;
    const channels = this.kernel.read().shape.slice(this.layout === 'depthwise' ? 2 : -1).reduce((a, b) => a * b, 1);
    const b = this.bias ? new Float64Array(this.bias.read().dataSync()) : new Float64Array(channels);
    const scale = new Float64Array(channels).fill(1);
    for (const n of this.norms) {
      const mean = n.movingMean.read().dataSync(), variance = n.movingVariance.read().dataSync();
      const gamma = n.gamma?.read().dataSync(), beta = n.beta?.read().dataSync();
      for (let c = 0; c < channels; c++) {
        const s = (gamma ? gamma[c]! : 1) / Math.sqrt(variance[c]! + n.epsilon);
        scale[c]! *= s;
        b[c] = (b[c]! - mean[c]!) * s + (beta ? beta[c]! : 0);
      }
    }
    const w = new Float32Array(src.length);
    for (let i = 0; i < w.length; i += channels) for (let c = 0; c < channels; c++) w[i + c] = src[i + c]! * scale[c]!;
    // Kept: a refresh may run inside a caller's tidy, and these live until the next one.
    this.folded = { filter: tf.keep(tf.tensor(w, this.kernel.read().shape)), bias: tf.keep(tf.tensor1d(new Float32Array(b))) };
  }

  /** The kernel and bias to use now (the variables themselves when nothing is folded). */
  get(): { filter: tf.Tensor; bias: tf.Tensor | null } {
    if (this.norms.length === 0) return { filter: this.kernel.read(), bias: this.bias ? this.bias.read() : null };
    const sources = this.sources();
    if (sources.length !== this.key.length || sources.some((t, i) => t.dataId !== this.key[i])) this.refresh();
    return this.folded!;
  }

  dispose(): void {
    if (this.folded) tf.dispose([this.folded.filter, ...(this.folded.bias ? [this.folded.bias] : [])]);
    this.folded = null;
  }
}
