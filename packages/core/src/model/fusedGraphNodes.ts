import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import type { GradientRules } from './GradientRules';
import { registerFusedGradients } from './registerFusedGradients';

/** What tfjs-converter hands a custom op's executor (`registerOp`'s `node`). */
export interface GraphOpNode {
  inputs: tf.Tensor[];
  attrs: Record<string, unknown>;
}

/** tfjs-converter's `registerOp` (pass `import { registerOp } from '@tensorflow/tfjs-converter'`). */
export type RegisterGraphOp = (name: string, executor: (node: GraphOpNode) => tf.Tensor | tf.Tensor[]) => unknown;

/** The fused graph nodes of one model, taken over by {@link fusedGraphNodes}. */
export interface FusedGraphNodes {
  /** How many nodes now run through Glassbox's executors. */
  readonly count: number;
  /** Runs `fn` (a forward pass of the graph) with the fused nodes whose activation has a rule in `rules` unfused. */
  forward<T>(rules: GradientRules | undefined, fn: () => T): T;
}

type Kind = 'conv' | 'depthwise' | 'matmul';
const KINDS: Record<string, Kind> = { _FusedConv2D: 'conv', FusedDepthwiseConv2dNative: 'depthwise', _FusedMatMul: 'matmul' };
const KINDS_BY: Record<Kind, string> = { conv: '_FusedConv2D', depthwise: 'FusedDepthwiseConv2dNative', matmul: '_FusedMatMul' };
const OP_NAMES: Record<Kind, string> = { conv: 'GlassboxFusedConv2D', depthwise: 'GlassboxFusedDepthwiseConv2dNative', matmul: 'GlassboxFusedMatMul' };
const KERNELS: Record<Kind, string> = { conv: 'FusedConv2D', depthwise: 'FusedDepthwiseConv2D', matmul: '_FusedMatMul' };
/** Each fused activation (as the converter spells it) and the kernel it runs as on its own. */
const ACTIVATIONS: Record<string, (y: tf.Tensor, f: Fusion) => tf.Tensor> = {
  linear: (y) => y,
  relu: (y) => tf.relu(y),
  relu6: (y) => tf.relu6(y),
  elu: (y) => tf.elu(y),
  leakyrelu: (y, f) => tf.leakyRelu(y, f.alpha),
  prelu: (y, f) => tf.prelu(y, f.prelu!),
  sigmoid: (y) => tf.sigmoid(y),
  tanh: (y) => tf.tanh(y),
};
const ACTIVATION_KERNELS: Record<string, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', leakyrelu: 'LeakyRelu', prelu: 'Prelu', sigmoid: 'Sigmoid', tanh: 'Tanh' };
/** The activations the fused kernels and their lazy gradients ({@link registerFusedGradients}) support. */
const IN_KERNEL = new Set(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid']);

interface Fusion {
  bias?: tf.Tensor;
  batchNorm?: { scale: tf.Tensor; offset: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor; epsilon: number };
  prelu?: tf.Tensor;
  activation: string;
  alpha: number;
}

/** The kernels of activations whose gradient rule is active (set by `forward`; forward passes are synchronous). */
let ruled: ReadonlySet<string> = new Set();
const registered = new WeakSet<RegisterGraphOp>();

const refuse = (node: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new UnsupportedModelError(`Fused graph node ${node}: ${message}`, { op: node, ...details });
};

/** The extra arguments and the activation a node's `fused_ops` / `num_args` describe. */
function fusion(kind: Kind, inputs: tf.Tensor[], attrs: Record<string, unknown>): Fusion {
  const ops = ((attrs.fused_ops as string[] | undefined) ?? []).map((s) => s.toLowerCase());
  const args = inputs.slice(2, 2 + Number(attrs.num_args ?? inputs.length - 2));
  const alpha = Number(attrs.leakyrelu_alpha ?? 0.2);
  const extra = ops[0];
  let activation = ops[1];
  const f: Fusion = { activation: 'linear', alpha };
  if (extra === 'biasadd') [f.bias, f.prelu] = args;
  else if (extra === 'fusedbatchnorm' && kind !== 'matmul') {
    const [scale, offset, mean, variance, prelu] = args;
    if (!variance) refuse(KINDS_BY[kind], `FusedBatchNorm needs 4 arguments (scale, offset, mean, variance), got ${args.length}`);
    f.batchNorm = { scale: scale!, offset: offset!, mean: mean!, variance: variance!, epsilon: Number(attrs.epsilon ?? 1e-4) };
    f.prelu = prelu;
  } else {
    // tfjs-converter's own fusion may fuse an activation with no bias: fused_ops ['Prelu'] / ['Relu'].
    [activation, f.prelu] = [extra, args[0]];
  }
  f.activation = activation ?? 'linear';
  if (!(f.activation in ACTIVATIONS)) refuse(KINDS_BY[kind], `unsupported fused operation "${ops.join(',')}"`, { fusedOps: ops });
  if (f.activation === 'prelu' && !f.prelu) refuse(KINDS_BY[kind], 'Prelu without its weights (num_args too small)');
  return f;
}

/** `[N, H, W, C]`-order padding from the node's `padding` (and `explicit_paddings` for EXPLICIT). */
function padding(kind: Kind, attrs: Record<string, unknown>): 'same' | 'valid' | tf.backend_util.ExplicitPadding {
  const pad = String(attrs.padding ?? 'valid').toLowerCase();
  if (pad !== 'explicit') return pad as 'same' | 'valid';
  const p = ((attrs.explicit_paddings as number[] | undefined) ?? []).map(Number);
  if (p.length !== 8) refuse(KINDS_BY[kind], `EXPLICIT padding needs 8 explicit_paddings, got ${p.length}`);
  return [0, 1, 2, 3].map((i) => [p[2 * i]!, p[2 * i + 1]!]) as tf.backend_util.ExplicitPadding;
}

function conv(kind: 'conv' | 'depthwise', inputs: tf.Tensor[], attrs: Record<string, unknown>): tf.Tensor {
  const [x, filter] = inputs as [tf.Tensor4D, tf.Tensor4D];
  const format = String(attrs.data_format ?? 'NHWC').toUpperCase();
  const [h, w] = format === 'NCHW' ? [2, 3] : [1, 2];
  const s = (attrs.strides as number[] | undefined) ?? [1, 1, 1, 1];
  const d = (attrs.dilations as number[] | undefined) ?? [1, 1, 1, 1];
  const strides: [number, number] = [s[h]!, s[w]!];
  const dilations: [number, number] = [d[h]!, d[w]!];
  const pad = padding(kind, attrs);
  const f = fusion(kind, inputs, attrs);
  const taping = tf.engine().isTapeOn();
  if (format !== 'NHWC' && (taping || f.batchNorm || !IN_KERNEL.has(f.activation))) {
    refuse(KINDS_BY[kind], `data_format ${format} is not supported for gradients (only NHWC)`, { dataFormat: format });
  }
  const dilated = dilations.some((v) => v !== 1);
  // Unfused: the activation must be its own kernel for a rule to replace its gradient; batch norm,
  // PReLU and (with gradients) dilations have no lazy fused gradient. tfjs's Conv2D and
  // DepthwiseConv2dNative gradients are lazy per input too, so the filter gradient is still skipped.
  if (f.batchNorm || !IN_KERNEL.has(f.activation) || ruled.has(ACTIVATION_KERNELS[f.activation]!) || (taping && dilated)) {
    let y: tf.Tensor = kind === 'conv' ? tf.conv2d(x, filter, strides, pad, 'NHWC', dilations) : tf.depthwiseConv2d(x, filter, strides, pad, 'NHWC', dilations);
    if (f.bias) y = tf.add(y, f.bias);
    const bn = f.batchNorm;
    if (bn) y = tf.batchNorm(y, bn.mean, bn.variance, bn.offset, bn.scale, bn.epsilon);
    return ACTIVATIONS[f.activation]!(y, f);
  }
  const named: Record<string, tf.Tensor> = { x, filter };
  if (f.bias) named.bias = f.bias;
  const kernelAttrs = { strides, pad, dataFormat: format, dilations, dimRoundingMode: undefined, activation: f.activation, leakyreluAlpha: f.alpha };
  return tf.engine().runKernel(KERNELS[kind], named as tf.NamedTensorMap, kernelAttrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

function matMul(inputs: tf.Tensor[], attrs: Record<string, unknown>): tf.Tensor {
  const [a, b] = inputs as [tf.Tensor, tf.Tensor];
  const transposeA = Boolean(attrs.transpose_a), transposeB = Boolean(attrs.transpose_b);
  const f = fusion('matmul', inputs, attrs);
  if (!IN_KERNEL.has(f.activation) || ruled.has(ACTIVATION_KERNELS[f.activation]!)) {
    let y = tf.matMul(a, b, transposeA, transposeB);
    if (f.bias) y = tf.add(y, f.bias);
    return ACTIVATIONS[f.activation]!(y, f);
  }
  // The kernel takes rank-3 operands (the wasm backend reads the matrix dimensions at 1 and 2), as tf.fused.matMul passes them.
  const named: Record<string, tf.Tensor> = { a: a.rank === 2 ? tf.expandDims(a, 0) : a, b: b.rank === 2 ? tf.expandDims(b, 0) : b };
  if (f.bias) named.bias = f.bias;
  const kernelAttrs = { transposeA, transposeB, activation: f.activation, leakyreluAlpha: f.alpha };
  const y = tf.engine().runKernel('_FusedMatMul', named as tf.NamedTensorMap, kernelAttrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  return a.rank === 2 && b.rank === 2 ? tf.squeeze(y, [0]) : y;
}

/**
 * Takes over the fused nodes of a tfjs-converter graph model (`_FusedConv2D`,
 * `FusedDepthwiseConv2dNative`, `_FusedMatMul`): each node's op becomes a custom op registered with
 * tfjs-converter's `registerOp` (the converter cannot override its built-in ops, so the nodes of
 * this model instance are renamed), and Glassbox executes it:
 * - by default as one fused kernel through `runKernel('FusedConv2D' | 'FusedDepthwiseConv2D' |
 *   '_FusedMatMul')`, whose gradients ({@link registerFusedGradients}) are lazy per input, so an
 *   input gradient never computes a filter gradient (tfjs's own `tf.fused.*` ops are `customGrad`s
 *   that compute every input's gradient);
 * - inside `forward(rules, fn)`, when `rules` names the node's activation kernel (`Relu`, `Relu6`,
 *   `Elu`, `LeakyRelu`, `Sigmoid`, `Tanh`), unfused: `conv2d` / `depthwiseConv2d` / `matMul`, bias
 *   add, then the activation as its own kernel, so the rule replaces its gradient.
 * PReLU and FusedBatchNorm variants (which the converter itself refuses) always run unfused.
 * Strides, SAME/VALID/EXPLICIT padding, dilations (gradients of dilated convolutions are not
 * supported by tfjs) and the leaky-ReLU alpha are honoured; `data_format` NCHW runs only without
 * gradients, otherwise it throws `UnsupportedModelError`, as do fused ops tfjs has no kernel for.
 *
 * @example
 * ```ts
 * const fused = fusedGraphNodes(graphModel, registerOp); // registerOp from @tensorflow/tfjs-converter
 * const y = fused.forward({ Relu: guided }, () => graphModel.execute(x) as tf.Tensor);
 * ```
 */
export function fusedGraphNodes(graph: object, registerOp: RegisterGraphOp): FusedGraphNodes {
  registerFusedGradients();
  if (!registered.has(registerOp)) {
    for (const kind of Object.keys(OP_NAMES) as Kind[]) {
      registerOp(OP_NAMES[kind], (node) => tf.tidy(() => (kind === 'matmul' ? matMul(node.inputs, node.attrs) : conv(kind, node.inputs, node.attrs))));
    }
    registered.add(registerOp);
  }
  const nodes = (graph as { executor?: { graph?: { nodes?: Record<string, { op: string; category: string }> } } }).executor?.graph?.nodes ?? {};
  let count = 0;
  for (const node of Object.values(nodes)) {
    const kind = KINDS[node.op];
    if (!kind) continue;
    node.op = OP_NAMES[kind];
    node.category = 'custom';
    count++;
  }
  return {
    count,
    forward(rules, fn) {
      const previous = ruled;
      ruled = new Set(Object.entries(rules ?? {}).filter(([, r]) => r !== undefined).map(([k]) => k));
      try {
        return fn();
      } finally {
        ruled = previous;
      }
    },
  };
}
