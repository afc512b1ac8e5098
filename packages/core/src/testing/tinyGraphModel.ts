import { createRandom } from '../random/createRandom';

/** Options of {@link tinyGraphModel}. */
export interface TinyGraphModelOptions {
  /** Write a `signature` (as `tensorflowjs_converter` does for SavedModels). Default false. */
  signature?: boolean;
  /** Leave the Placeholder's shape unknown (only the signature declares it). Default false. */
  placeholderUnknownRank?: boolean;
  /** A Placeholder with a fixed batch of 1 ([1, 4]), as some converted models have. */
  batchOfOne?: boolean;
  /** Add a `TopKV2` over the probabilities as the only output (an op tfjs cannot differentiate). */
  topK?: boolean;
  /** Expose the logits as a second output besides the probabilities. */
  twoOutputs?: boolean;
  /** A second input `bias` [-1, 3] added to the logits. */
  twoInputs?: boolean;
  seed?: number;
}

const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const b64 = (s: string) => btoa(s);

/**
 * A small graph model in the exact JSON format `tensorflowjs_converter` writes (GraphDef nodes,
 * a weights manifest, optionally a signature): `x [-1, 4] → _FusedMatMul(w, b; BiasAdd) → logits
 * → Softmax → probs`, with seeded weights. For tests of graph-model loading; write `modelJson`
 * as model.json and `weightData` as `weights.bin` beside it, or pass both to `tf.io.fromMemory`.
 *
 * @example
 * ```ts
 * const { modelJson, weightData } = tinyGraphModel({ signature: true });
 * const g = await loadGraphModel(tf.io.fromMemory({ ...modelJson, weightSpecs: modelJson.weightsManifest[0].weights, weightData }));
 * ```
 */
export function tinyGraphModel(options: TinyGraphModelOptions = {}): {
  modelJson: { format: 'graph-model'; modelTopology: object; weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[]; signature?: object };
  weightData: ArrayBuffer;
  /** The weights as plain arrays, for computing the expected outputs. */
  weights: { w: Float32Array; b: Float32Array };
} {
  const rng = createRandom(options.seed ?? 3);
  const w = rng.fillNormal(new Float32Array(12), 0, 0.8);
  const b = rng.fillNormal(new Float32Array(3), 0, 0.2);
  const float = { type: 'DT_FLOAT' };
  const node: object[] = [
    {
      name: 'x',
      op: 'Placeholder',
      attr: { dtype: float, shape: { shape: options.placeholderUnknownRank ? { unknownRank: true } : dims([options.batchOfOne ? 1 : -1, 4]) } },
    },
    { name: 'w', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims([4, 3]) } }, dtype: float } },
    { name: 'b', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims([3]) } }, dtype: float } },
    {
      name: 'logits',
      op: '_FusedMatMul',
      input: ['x', 'w', 'b'],
      attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false }, fused_ops: { list: { s: [b64('BiasAdd')] } }, num_args: { i: '1' }, epsilon: { f: 0 } },
    },
  ];
  let last = 'logits';
  if (options.twoInputs) {
    node.push({ name: 'bias', op: 'Placeholder', attr: { dtype: float, shape: { shape: dims([-1, 3]) } } });
    node.push({ name: 'shifted', op: 'AddV2', input: ['logits', 'bias'], attr: { T: float } });
    last = 'shifted';
  }
  node.push({ name: 'probs', op: 'Softmax', input: [last], attr: { T: float } });
  const weights = [
    { name: 'w', shape: [4, 3], dtype: 'float32' },
    { name: 'b', shape: [3], dtype: 'float32' },
  ];
  const parts: ArrayBufferView[] = [w, b];
  if (options.topK) {
    node.push({ name: 'k', op: 'Const', attr: { value: { tensor: { dtype: 'DT_INT32', tensorShape: dims([]) } }, dtype: { type: 'DT_INT32' } } });
    node.push({ name: 'top', op: 'TopKV2', input: ['probs', 'k'], attr: { T: float, sorted: { b: true } } });
    node.push({ name: 'Identity', op: 'Identity', input: ['top'], attr: { T: float } });
    weights.push({ name: 'k', shape: [], dtype: 'int32' });
    parts.push(Int32Array.of(2));
  } else {
    node.push({ name: 'Identity', op: 'Identity', input: ['probs'], attr: { T: float } });
  }
  if (options.twoOutputs) node.push({ name: 'Identity_1', op: 'Identity', input: ['logits'], attr: { T: float } });
  const bytes = parts.reduce((s, p) => s + p.byteLength, 0);
  const weightData = new ArrayBuffer(bytes);
  let offset = 0;
  for (const p of parts) {
    new Uint8Array(weightData, offset, p.byteLength).set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    offset += p.byteLength;
  }
  const modelJson = {
    format: 'graph-model' as const,
    generatedBy: '2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { node, library: {}, versions: { producer: 1645 } },
    weightsManifest: [{ paths: ['weights.bin'], weights }],
    ...(options.signature
      ? {
          signature: {
            inputs: { 'x:0': { name: 'x:0', dtype: 'DT_FLOAT', tensorShape: dims([-1, 4]) } },
            outputs: { 'Identity:0': { name: 'Identity:0', dtype: 'DT_FLOAT', tensorShape: dims(options.topK ? [-1, 2] : [-1, 3]) } },
          },
        }
      : {}),
  };
  return { modelJson, weightData, weights: { w, b } };
}
