import { slice_util, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { callStock, wrapStock, type WasmKernelArgs } from './wasmKernel';

/**
 * `Slice` that copies only the slice. The stock kernel first copies the whole input out of the
 * wasm heap (`readSync`), so taking k chunks of a tensor costs k full copies. Views on the heap are
 * taken after the output is allocated, because an allocation may grow (and detach) the heap.
 */
export function heapSlice(stock: KernelConfig | undefined): KernelConfig {
  return wrapStock(stock, 'heapSlice', (stock) => (args: WasmKernelArgs) => {
    const { backend } = args;
    const { x } = args.inputs as Record<string, TensorInfo>;
    if (x.dtype === 'string' || x.dtype === 'complex64') return callStock(stock, args);
    const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
    const [start, extent] = slice_util.parseSliceParams({ shape: x.shape } as never, begin, size);
    const out = backend.makeOutput(extent, x.dtype);
    const count = util.sizeFromShape(extent);
    if (count === 0) return out;
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    const strides = util.computeStrides(x.shape);
    if (slice_util.isSliceContinous(x.shape, start, extent)) {
      const offset = slice_util.computeFlatOffset(start, strides);
      dst.set(src.subarray(offset, offset + count));
      return out;
    }
    const rank = x.shape.length;
    const row = extent[rank - 1];
    const index = new Array<number>(rank - 1).fill(0);
    for (let o = 0; o < count; o += row) {
      let offset = start[rank - 1];
      for (let d = 0; d < rank - 1; d++) offset += (start[d] + index[d]) * strides[d];
      dst.set(src.subarray(offset, offset + row), o);
      for (let d = rank - 2; d >= 0; d--) {
        if (++index[d] < extent[d]) break;
        index[d] = 0;
      }
    }
    return out;
  });
}
