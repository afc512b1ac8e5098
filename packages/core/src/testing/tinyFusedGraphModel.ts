import { createRandom } from '../random/createRandom';

/** One fused node of {@link tinyFusedGraphModel}, applied to the previous node's output. */
export type FusedNodeSpec =
  | {
      op: '_FusedConv2D' | 'FusedDepthwiseConv2dNative';
      /** Output channels of a convolution; the channel multiplier of a depthwise convolution. */
      filters: number;
      kernel: number;
      /** e.g. `['BiasAdd', 'Relu']`, `['BiasAdd', 'Prelu']`, `['FusedBatchNorm', 'Relu6']`. */
      fusedOps: string[];
      strides?: number;
      padding?: 'SAME' | 'VALID' | 'EXPLICIT';
      /** The 8 `explicit_paddings` (NHWC order) for EXPLICIT. */
      explicitPaddings?: number[];
      dilations?: number;
      leakyreluAlpha?: number;
      dataFormat?: 'NHWC' | 'NCHW';
    }
  | { op: '_FusedMatMul'; units: number; fusedOps: string[]; transposeB?: boolean; leakyreluAlpha?: number }
  /** `Reshape` to `[-1, features]` (between convolutions and matrix products). */
  | { op: 'Flatten' };

/** Options of {@link tinyFusedGraphModel}. */
export interface TinyFusedGraphModelOptions {
  /** Per-example input shape: `[h, w, c]` for convolutions, `[features]` for matrix products. */
  inputShape: number[];
  nodes: FusedNodeSpec[];
  seed?: number;
}

const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const ints = (v: number[]) => ({ list: { i: v.map(String) } });
const str = (s: string) => ({ s: btoa(s) });
const FLOAT = { type: 'DT_FLOAT' };

function outSize(size: number, kernel: number, stride: number, dilation: number, padding: string, before: number, after: number): number {
  const k = (kernel - 1) * dilation + 1;
  if (padding === 'SAME') return Math.ceil(size / stride);
  if (padding === 'VALID') return Math.ceil((size - k + 1) / stride);
  return Math.floor((size + before + after - k) / stride) + 1;
}

/**
 * A graph model in the exact JSON format `tensorflowjs_converter` writes, made of the fused nodes
 * the converter's optimiser emits (`_FusedConv2D`, `FusedDepthwiseConv2dNative`, `_FusedMatMul`
 * with their `fused_ops`, `num_args`, strides, padding, dilations, `leakyrelu_alpha`) and seeded
 * weights; the last node's output is the model's output (`Identity`). For tests of how fused graph
 * nodes execute. Write `modelJson` as model.json and `weightData` as `weights.bin` beside it.
 *
 * @example
 * ```ts
 * const { modelJson, weightData } = tinyFusedGraphModel({ inputShape: [6, 6, 2], nodes: [
 *   { op: '_FusedConv2D', filters: 3, kernel: 3, fusedOps: ['BiasAdd', 'Relu'] }, { op: 'Flatten' },
 *   { op: '_FusedMatMul', units: 2, fusedOps: ['BiasAdd'] }] });
 * ```
 */
export function tinyFusedGraphModel(options: TinyFusedGraphModelOptions): {
  modelJson: { format: 'graph-model'; modelTopology: object; weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] };
  weightData: ArrayBuffer;
} {
  const rng = createRandom(options.seed ?? 5);
  const node: object[] = [{ name: 'x', op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: dims([-1, ...options.inputShape]) } } }];
  const weights: { name: string; shape: number[]; dtype: string }[] = [];
  const parts: ArrayBufferView[] = [];
  const constant = (name: string, shape: number[], values: Float32Array | Int32Array) => {
    const dtype = values instanceof Int32Array ? 'int32' : 'float32';
    node.push({ name, op: 'Const', attr: { value: { tensor: { dtype: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT', tensorShape: dims(shape) } }, dtype: { type: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' } } });
    weights.push({ name, shape, dtype });
    parts.push(values);
    return name;
  };
  const random = (name: string, shape: number[], scale: number, mean = 0) => constant(name, shape, rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), mean, scale));
  let shape = [...options.inputShape];
  let last = 'x';
  options.nodes.forEach((spec, i) => {
    const name = `n${i}`;
    if (spec.op === 'Flatten') {
      const size = shape.reduce((a, b) => a * b, 1);
      node.push({ name, op: 'Reshape', input: [last, constant(`${name}/shape`, [2], Int32Array.of(-1, size))], attr: { T: FLOAT, Tshape: { type: 'DT_INT32' } } });
      shape = [size];
      last = name;
      return;
    }
    const fused = spec.fusedOps.map((s) => s.toLowerCase());
    const args: string[] = [];
    let inputs: string[];
    let attr: Record<string, unknown>;
    let channels: number;
    if (spec.op === '_FusedMatMul') {
      channels = spec.units;
      const w = spec.transposeB ? [spec.units, shape[0]!] : [shape[0]!, spec.units];
      inputs = [last, random(`${name}/w`, w, 1 / Math.sqrt(shape[0]!))];
      attr = { T: FLOAT, transpose_a: { b: false }, transpose_b: { b: !!spec.transposeB } };
      shape = [spec.units];
    } else {
      const nchw = spec.dataFormat === 'NCHW';
      const [h, w, c] = nchw ? [shape[1]!, shape[2]!, shape[0]!] : (shape as [number, number, number]);
      const depthwise = spec.op === 'FusedDepthwiseConv2dNative';
      channels = depthwise ? c * spec.filters : spec.filters;
      const s = spec.strides ?? 1, d = spec.dilations ?? 1, padding = spec.padding ?? 'SAME';
      const p = spec.explicitPaddings ?? [0, 0, 0, 0, 0, 0, 0, 0];
      inputs = [last, random(`${name}/filter`, [spec.kernel, spec.kernel, c, spec.filters], 1 / Math.sqrt(spec.kernel * spec.kernel * c))];
      const four = (v: number) => (nchw ? [1, 1, v, v] : [1, v, v, 1]);
      attr = {
        T: FLOAT, strides: ints(four(s)), dilations: ints(four(d)), padding: str(padding), data_format: str(spec.dataFormat ?? 'NHWC'),
        explicit_paddings: padding === 'EXPLICIT' ? ints(p) : { list: {} }, use_cudnn_on_gpu: { b: true },
      };
      const [oh, ow] = [outSize(h, spec.kernel, s, d, padding, p[2]!, p[3]!), outSize(w, spec.kernel, s, d, padding, p[4]!, p[5]!)];
      shape = nchw ? [channels, oh, ow] : [oh, ow, channels];
    }
    if (fused.includes('biasadd')) args.push(random(`${name}/bias`, [channels], 0.3));
    if (fused.includes('fusedbatchnorm')) {
      args.push(random(`${name}/scale`, [channels], 0.2, 1), random(`${name}/offset`, [channels], 0.3), random(`${name}/mean`, [channels], 0.3));
      args.push(constant(`${name}/variance`, [channels], Float32Array.from({ length: channels }, () => 0.5 + rng.next())));
    }
    if (fused.includes('prelu')) args.push(random(`${name}/alpha`, [channels], 0.1, 0.2));
    const extra: Record<string, unknown> = { num_args: { i: String(args.length) }, fused_ops: { list: { s: spec.fusedOps.map(btoa) } }, epsilon: { f: 0.001 } };
    if (spec.leakyreluAlpha !== undefined) extra.leakyrelu_alpha = { f: spec.leakyreluAlpha };
    node.push({ name, op: spec.op, input: [...inputs, ...args], attr: { ...attr, ...extra } });
    last = name;
  });
  node.push({ name: 'Identity', op: 'Identity', input: [last], attr: { T: FLOAT } });
  const weightData = new ArrayBuffer(parts.reduce((s, p) => s + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    new Uint8Array(weightData, offset, p.byteLength).set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    offset += p.byteLength;
  }
  return {
    modelJson: {
      format: 'graph-model',
      modelTopology: { node, library: {}, versions: { producer: 1645 } },
      weightsManifest: [{ paths: ['weights.bin'], weights }],
    },
    weightData,
  };
}
