import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_MEMORY_BUDGET, InvalidInputError, formatShape, runChunks, selectTargets, sizeOf, targetGradients, type ExplainContext } from '@glassbox/core';
import { integrationPoints, type IntegrationRule } from './integrationPoints';

/** What {@link integrate} computes. */
export interface IntegrateRequest {
  /** Differentiable forward pass `[m, ...shape] → [m, ...outputShape]` (rows independent). */
  forward: (x: tf.Tensor) => tf.Tensor;
  /** `[n, ...shape]`; not disposed. */
  inputs: tf.Tensor;
  /** `[n, ...shape]`, one baseline per input; not disposed. */
  baselines: tf.Tensor;
  /** One flat output index per example. */
  targets: readonly number[];
  /** Integration rule (default `gausslegendre`). */
  rule?: IntegrationRule;
  /** Number of points on the path (default 50). */
  steps?: number;
  /** Budget, progress and abort; defaults to a 256 MiB budget and no progress. */
  context?: Partial<Pick<ExplainContext, 'memoryBudgetBytes' | 'progress' | 'throwIfAborted'>>;
  /** Work items (example × step) per gradient call; default: sized to the budget by measuring the model. */
  chunkSize?: number | undefined;
  /** Progress stage name (default `integrated-gradients`). */
  stage?: string;
}

/** What {@link integrate} returns (plain arrays: nothing for the caller to dispose). */
export interface IntegrateResult {
  /** `(x − b) · Σ_k w_k ∇f_t(b + α_k (x − b))`, flat, shaped like the inputs. */
  attributions: Float32Array;
  shape: number[];
  /** Per example: Σ attributions − (f_t(x) − f_t(b)). */
  convergenceDelta: number[];
  /** f_t(x) and f_t(b) per example. */
  fInputs: number[];
  fBaselines: number[];
  /** Work items per chunk, number of gradient calls, and the measured bytes one item needs. */
  chunkSize: number;
  chunks: number;
  bytesPerItem?: number | undefined;
}

/**
 * The integrated-gradients routine (Sundararajan et al. 2017), shared by the explainer and by
 * other packages (token-level IG from embeddings, metrics). The path points of all examples are
 * evaluated together in batched chunks — `k` steps × `m` examples per gradient call, as many as
 * the memory budget holds (measured on the model: bytes per item and fixed overhead) — never one
 * call per step. Between chunks it reports progress and checks for abort after releasing the
 * chunk's tensors. Sums are kept in float64.
 *
 * @example
 * ```ts
 * const r = await integrate({ forward: model.forward, inputs: x, baselines: tf.zerosLike(x), targets: [3, 3], steps: 64 });
 * r.attributions; // Float32Array shaped like x
 * r.convergenceDelta; // ≈ 0 for smooth models
 * ```
 */
export async function integrate(req: IntegrateRequest): Promise<IntegrateResult> {
  const { forward, inputs, baselines, targets, rule = 'gausslegendre', steps = 50, stage = 'integrated-gradients' } = req;
  const budget = req.context?.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET;
  const progress = req.context?.progress ?? (() => {});
  const throwIfAborted = req.context?.throwIfAborted ?? (() => {});
  if (baselines.shape.length !== inputs.shape.length || baselines.shape.some((d, i) => d !== inputs.shape[i])) {
    throw new InvalidInputError(`Baselines have shape ${formatShape(baselines.shape)}; expected the inputs' shape ${formatShape(inputs.shape)}`, {
      expected: inputs.shape,
      received: baselines.shape,
    });
  }
  const n = inputs.shape[0];
  if (targets.length !== n) throw new InvalidInputError(`Got ${targets.length} targets for ${n} examples; expected one per example`, { expected: n, received: targets.length });
  const { alphas, weights } = integrationPoints(rule, steps);
  const alpha32 = Float32Array.from(alphas);
  const weight32 = Float32Array.from(weights);
  const rest = inputs.shape.slice(1);
  const per = sizeOf(rest);
  const ones = rest.map(() => 1);
  const total = n * steps;

  // One chunk: Σ_k w_k ∇f_t(b + α_k (x − b)) for examples [e0, e0 + mm) at the given path points, [1, mm·per].
  const chunk = (e0: number, mm: number, alphas: Float32Array, weights: Float32Array): tf.Tensor =>
    tf.tidy(() => {
      const kk = alphas.length;
      const x = tf.slice(inputs, e0, mm);
      const b = tf.slice(baselines, e0, mm);
      const a = tf.tensor(alphas, [kk, 1, ...ones]);
      const path = tf.reshape(tf.add(tf.expandDims(b, 0), tf.mul(a, tf.expandDims(tf.sub(x, b), 0))), [kk * mm, ...rest]);
      const g = targetGradients(forward, path, targets.slice(e0, e0 + mm));
      return tf.matMul(tf.tensor2d(weights, [1, kk]), tf.reshape(g, [kk, mm * per]));
    });

  // Items are (step, example) pairs, step-major: a chunk is k whole steps of all n examples, or,
  // when one step of all examples does not fit, a block of examples at one step.
  const sums = new Float64Array(n * per);
  const plan = await runChunks({
    total,
    context: { memoryBudgetBytes: budget, progress, throwIfAborted },
    stage,
    group: n,
    cost:
      req.chunkSize !== undefined
        ? { chunkSize: req.chunkSize }
        : { measure: (items) => tf.dispose(chunk(0, 1, new Float32Array(items).fill(0.5), new Float32Array(items).fill(1 / items))) },
    compute: (start, end) => {
      const s0 = Math.floor(start / n), e0 = start % n;
      const kk = Math.max(1, Math.floor((end - start) / n)), mm = Math.min(n, end - start);
      return chunk(e0, mm, alpha32.subarray(s0, s0 + kk), weight32.subarray(s0, s0 + kk));
    },
    collect: (values, start) => {
      const offset = (start % n) * per;
      for (let j = 0; j < values.length; j++) sums[offset + j]! += values[j]!;
    },
  });

  // f_t(x) and f_t(b), in blocks of as many examples as a chunk holds.
  const m = Math.min(n, plan.chunkSize);
  const fInputs = new Array<number>(n), fBaselines = new Array<number>(n);
  for (let e0 = 0; e0 < n; e0 += m) {
    const mm = Math.min(m, n - e0);
    const t = targets.slice(e0, e0 + mm);
    const [fx, fb] = tf.tidy(() => [selectTargets(forward(tf.slice(inputs, e0, mm)), t), selectTargets(forward(tf.slice(baselines, e0, mm)), t)]);
    try {
      ((await fx.data()) as Float32Array).forEach((v, i) => (fInputs[e0 + i] = v));
      ((await fb.data()) as Float32Array).forEach((v, i) => (fBaselines[e0 + i] = v));
    } finally {
      tf.dispose([fx, fb]);
    }
  }

  const [xs, bs] = [(await inputs.data()) as Float32Array, (await baselines.data()) as Float32Array];
  const attributions = new Float32Array(n * per);
  const convergenceDelta = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * per; j < (i + 1) * per; j++) {
      const v = (xs[j]! - bs[j]!) * sums[j]!;
      attributions[j] = v;
      s += v;
    }
    convergenceDelta[i] = s - (fInputs[i]! - fBaselines[i]!);
  }
  return { attributions, shape: [...inputs.shape], convergenceDelta, fInputs, fBaselines, chunkSize: plan.chunkSize, chunks: plan.chunks, bytesPerItem: plan.bytesPerItem };
}
