import { broadcast_util, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock, release, run, wrapStock, type WasmKernelArgs } from './wasmKernel';

interface MatMulAttrs {
  transposeA?: boolean;
  transposeB?: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}

/**
 * `BatchMatMul` / `_FusedMatMul` for the wasm backend that transposes a transposed operand first
 * and then runs the stock kernel without transposes. The stock kernel sends any transposed
 * operand to a naive loop instead of XNNPACK (10–40× slower), and every matMul gradient has one
 * (`dA = dY·Bᵀ`, `dB = Aᵀ·dY`); a transpose costs one pass over the operand.
 *
 * `_FusedMatMul` also gets its operands in the shape the stock kernel handles correctly: that
 * kernel reads them as rank 3 (fed rank 2, as a `runKernel` caller such as Glassbox's compiled
 * Layers pass does for Dense layers, it sizes its output from `a.shape[1]` and `b.shape[2]` and
 * writes past it, corrupting the wasm heap), and it adds the bias to the first batch only. So a
 * shared right operand (batch 1) has the left operand's batches folded into rows (one XNNPACK
 * call, the bias right for every row), and other batched products with a bias add the bias and
 * apply the activation as separate kernels.
 */
export function transposingMatMul(stock: KernelConfig | undefined): KernelConfig {
  return wrapStock(stock, 'transposingMatMul', (stock) => {
    const fused = stock.kernelName === '_FusedMatMul';
    return (args: WasmKernelArgs) => {
      const { backend } = args;
      const inputs = args.inputs as Record<string, TensorInfo>;
      const attrs = (args.attrs ?? {}) as MatMulAttrs;
      const stockHandles = !fused || (inputs.a.shape.length === 3 && inputs.b.shape.length === 3 && (inputs.bias == null || Math.max(inputs.a.shape[0], inputs.b.shape[0]) === 1));
      if (!attrs.transposeA && !attrs.transposeB && stockHandles) return callStock(stock, args);
      const temps: TensorInfo[] = [];
      const keep = (t: TensorInfo) => (temps.push(t), t);
      const swap = (t: TensorInfo): TensorInfo => {
        const r = t.shape.length;
        const perm = [...Array(r - 2).keys(), r - 1, r - 2];
        return keep(run('Transpose', backend, { x: t }, { perm }));
      };
      try {
        const a = attrs.transposeA ? swap(inputs.a) : inputs.a;
        const b = attrs.transposeB ? swap(inputs.b) : inputs.b;
        const plainAttrs = { ...args.attrs, transposeA: false, transposeB: false };
        if (stockHandles) return callStock(stock, { inputs: { ...inputs, a, b }, backend, attrs: plainAttrs });
        return fusedInRank3(stock, backend, { ...inputs, a, b }, plainAttrs, keep);
      } finally {
        release(backend, temps);
      }
    };
  });
}

/** Untransposed `_FusedMatMul` of any rank ≥ 2 through the stock kernel (see {@link transposingMatMul}). */
function fusedInRank3(
  stock: KernelConfig,
  backend: BackendWasm,
  inputs: Record<string, TensorInfo>,
  attrs: MatMulAttrs,
  keep: (t: TensorInfo) => TensorInfo,
): TensorInfo {
  const { a, b, bias, preluActivationWeights } = inputs;
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  const batch = broadcast_util.assertAndGetBroadcastShape(batchA, batchB);
  const [m, k] = a.shape.slice(-2), n = b.shape[b.shape.length - 1];
  const flatA = util.sizeFromShape(batchA), flatB = util.sizeFromShape(batchB);
  const reshape = (x: TensorInfo, shape: number[]) => keep(run('Reshape', backend, { x }, { shape }));
  const stockCall = (ins: Record<string, TensorInfo>, at: MatMulAttrs) => keep(callStock(stock, { inputs: ins, backend, attrs: at as never }) as TensorInfo);
  let out: TensorInfo;
  if (flatB === 1) {
    // One right operand for every batch: the batches are rows of one product.
    out = stockCall({ ...inputs, a: reshape(a, [1, flatA * m, k]), b: reshape(b, [1, k, n]) }, attrs);
  } else if (flatA === flatB || flatA === 1) {
    const a3 = reshape(a, [flatA, m, k]), b3 = reshape(b, [flatB, k, n]);
    if (bias == null) {
      out = stockCall({ ...inputs, a: a3, b: b3 }, attrs);
    } else {
      const product = stockCall({ a: a3, b: b3 }, { ...attrs, activation: 'linear' });
      out = activate(backend, keep(run('Add', backend, { a: product, b: bias })), attrs, preluActivationWeights, keep);
    }
  } else {
    throw new Error(`_FusedMatMul on wasm: batch shapes ${JSON.stringify(batchA)} and ${JSON.stringify(batchB)} broadcast within several dimensions; reshape the operands to rank 3 first`);
  }
  return run('Reshape', backend, { x: out }, { shape: [...batch, m, n] });
}

function activate(backend: BackendWasm, x: TensorInfo, attrs: MatMulAttrs, prelu: TensorInfo | undefined, keep: (t: TensorInfo) => TensorInfo): TensorInfo {
  switch (attrs.activation ?? 'linear') {
    case 'linear': return x;
    case 'relu': return keep(run('Relu', backend, { x }));
    case 'relu6': return keep(run('Relu6', backend, { x }));
    case 'elu': return keep(run('Elu', backend, { x }));
    case 'sigmoid': return keep(run('Sigmoid', backend, { x }));
    case 'leakyrelu': return keep(run('LeakyRelu', backend, { x }, { alpha: attrs.leakyreluAlpha ?? 0.2 }));
    case 'prelu': return keep(run('Prelu', backend, { x, alpha: prelu! }));
    default: throw new Error(`_FusedMatMul on wasm: no activation "${String(attrs.activation)}"`);
  }
}
