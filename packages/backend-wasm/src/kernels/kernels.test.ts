import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, ensureGradients, registerBackend, useBackend } from '@glassbox/core';
import { wasmBackend } from '../wasmBackend';
import { installWasmKernels, restoreStockWasmKernels, wasmKernelsInstalled } from './installWasmKernels';

const rng = createRandom(42);
const values = (shape: number[]) => rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, 1);

/**
 * Runs `fn` on cpu and on wasm (from the same input values) and returns both results; also checks
 * that the wasm kernels released every intermediate buffer they made.
 */
async function onBoth(fn: () => tf.Tensor): Promise<{ cpu: Float32Array; wasm: Float32Array; shape: number[] }> {
  await useBackend('cpu');
  const c = fn();
  const cpu = (await c.data()) as Float32Array;
  c.dispose();
  await useBackend('wasm');
  const buffersBefore = tf.engine().backend.numDataIds();
  const w = fn();
  const shape = w.shape;
  const wasm = (await w.data()) as Float32Array;
  w.dispose();
  expect(tf.engine().backend.numDataIds(), 'wasm buffers left behind').toBe(buffersBefore);
  return { cpu, wasm, shape };
}

/** max|wasm − cpu| ≤ 1e-4 · max(1, max|cpu|): float32 sums in another order differ by ~1e-6. */
function expectClose({ cpu, wasm }: { cpu: Float32Array; wasm: Float32Array }) {
  expect(wasm.length).toBe(cpu.length);
  let maxRef = 1, maxDiff = 0;
  for (let i = 0; i < cpu.length; i++) {
    maxRef = Math.max(maxRef, Math.abs(cpu[i]!));
    maxDiff = Math.max(maxDiff, Math.abs(wasm[i]! - cpu[i]!));
  }
  expect(maxDiff).toBeLessThanOrEqual(1e-4 * maxRef);
}

beforeAll(async () => {
  await ensureGradients();
  registerBackend(wasmBackend());
  await useBackend('wasm');
  await useBackend('cpu');
});

describe('wasm kernels', () => {
  it('are installed by the provider, and can be swapped for the stock ones and back', () => {
    expect(wasmKernelsInstalled()).toBe(true);
    const tuned = tf.getKernel('BatchMatMul', 'wasm');
    restoreStockWasmKernels();
    expect(wasmKernelsInstalled()).toBe(false);
    expect(tf.getKernel('BatchMatMul', 'wasm')).not.toBe(tuned);
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
    installWasmKernels();
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
  });

  const matmuls: Array<[string, number[], number[], boolean, boolean]> = [
    ['2-D', [5, 7], [7, 3], false, false],
    ['2-D, B transposed', [5, 7], [3, 7], false, true],
    ['2-D, A transposed', [7, 5], [7, 3], true, false],
    ['2-D, both transposed', [7, 5], [3, 7], true, true],
    ['batched, B transposed', [4, 6, 8], [4, 5, 8], false, true],
    ['batched with broadcast, A transposed', [3, 8, 6], [1, 8, 5], true, false],
    ['rank 4, both transposed', [2, 3, 8, 6], [2, 3, 5, 8], true, true],
  ];
  for (const [name, sa, sb, ta, tb] of matmuls) {
    it(`matMul ${name} matches cpu`, async () => {
      const va = values(sa), vb = values(sb);
      expectClose(await onBoth(() => tf.tidy(() => tf.matMul(tf.tensor(va, sa), tf.tensor(vb, sb), ta, tb))));
    });
  }

  it('fused matMul with transposes, bias and relu matches cpu', async () => {
    const va = values([9, 16]), vb = values([12, 9]), vbias = values([12]);
    for (const [ta, tb] of [[true, true], [true, false], [false, false]] as const) {
      const r = await onBoth(() =>
        tf.tidy(() => {
          const a = tf.tensor2d(va, [9, 16]);
          const b = tf.tensor2d(vb, [12, 9]);
          return tf.fused.matMul({ a: ta ? a : tf.transpose(a), b: tb ? b : tf.transpose(b), transposeA: ta, transposeB: tb, bias: tf.tensor1d(vbias), activation: 'relu' });
        }),
      );
      expectClose(r);
    }
  });

  it('the gradient of a dense layer (both operands) matches cpu', async () => {
    const vx = values([16, 10]), vw = values([10, 4]);
    expectClose(
      await onBoth(() =>
        tf.tidy(() => {
          const [gx, gw] = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(x, w))))([tf.tensor2d(vx, [16, 10]), tf.tensor2d(vw, [10, 4])]);
          return tf.concat([tf.reshape(gx!, [-1]), tf.reshape(gw!, [-1])]);
        }),
      ),
    );
  });

  type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
  const convs: Array<[string, number[], number[], number | [number, number], Pad]> = [
    ['3×3 stride 1 same', [2, 9, 8, 3], [3, 3, 3, 4], 1, 'same'],
    ['3×3 stride 1 valid', [2, 9, 8, 3], [3, 3, 3, 4], 1, 'valid'],
    ['3×3 stride 2 same', [2, 9, 8, 3], [3, 3, 3, 5], 2, 'same'],
    ['3×3 stride 2 valid, odd sizes', [1, 11, 10, 2], [3, 3, 2, 3], 2, 'valid'],
    ['2×5 strides [3,2] same', [2, 13, 12, 2], [2, 5, 2, 3], [3, 2], 'same'],
    ['1×1 stride 2', [2, 7, 7, 4], [1, 1, 4, 6], 2, 'valid'],
    ['explicit padding', [1, 8, 8, 2], [3, 3, 2, 2], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]],
    ['explicit padding larger than the filter', [1, 8, 8, 2], [3, 3, 2, 2], 1, [[0, 0], [4, 0], [0, 0], [0, 0]]],
    // From 8 input channels on, a forward convolution of the dilated gradient (above: patches).
    ['8 channels, 3×3 stride 1 same', [2, 9, 8, 8], [3, 3, 8, 4], 1, 'same'],
    ['8 channels, 3×3 stride 2 same', [2, 9, 8, 8], [3, 3, 8, 5], 2, 'same'],
    ['9 channels, 3×3 stride 2 valid, odd sizes', [1, 11, 10, 9], [3, 3, 9, 3], 2, 'valid'],
    ['8 channels, explicit padding', [1, 8, 8, 8], [3, 3, 8, 2], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]],
    ['8 channels, explicit padding larger than the filter (stock kernel)', [1, 8, 8, 8], [3, 3, 8, 2], 1, [[0, 0], [4, 0], [0, 0], [0, 0]]],
  ];
  for (const [name, xs, fs, stride, pad] of convs) {
    it(`conv2d input gradient, ${name}, matches cpu`, async () => {
      const vx = values(xs), vf = values(fs);
      expectClose(
        await onBoth(() =>
          tf.tidy(() => {
            const filter = tf.tensor4d(vf, fs as [number, number, number, number]);
            return tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, filter, stride, pad))))(tf.tensor(vx, xs));
          }),
        ),
      );
    });
  }

  it('conv2d filter gradient (bridged to the cpu kernel) matches cpu', async () => {
    const vx = values([2, 9, 9, 3]), vf = values([3, 3, 3, 4]);
    expectClose(
      await onBoth(() =>
        tf.tidy(() => {
          const x = tf.tensor4d(vx, [2, 9, 9, 3]);
          return tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, f as tf.Tensor4D, 2, 'same'))))(tf.tensor4d(vf, [3, 3, 3, 4]));
        }),
      ),
    );
  });

  it('GlassboxActivationGrad gives the relu and relu6 gradients of a fused output (the kink points get 0)', async () => {
    const shape = [2, 5, 7, 3];
    const vy = values(shape).map((v, i) => (i % 11 === 0 ? 0 : i % 13 === 0 ? 6 : v * 4 + 2));
    const vdy = values(shape);
    for (const activation of ['relu', 'relu6'] as const) {
      await useBackend('cpu');
      const ref = tf.tidy(() => {
        const y = tf.tensor(vy, shape);
        const mask = activation === 'relu' ? tf.step(y) : tf.mul(tf.step(y), tf.step(tf.sub(6, y)));
        return tf.mul(tf.tensor(vdy, shape), mask);
      });
      const cpu = (await ref.data()) as Float32Array;
      ref.dispose();
      await useBackend('wasm');
      const buffersBefore = tf.engine().backend.numDataIds();
      const got = tf.tidy(() => tf.engine().runKernel('GlassboxActivationGrad', { dy: tf.tensor(vdy, shape), y: tf.tensor(vy, shape) }, { activation }) as tf.Tensor);
      const wasm = (await got.data()) as Float32Array;
      got.dispose();
      expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
      // + 0: cpu's multiply by a zero mask keeps the sign of dy (−0), the kernel writes +0.
      expect(Array.from(wasm, (v) => v + 0)).toEqual(Array.from(cpu, (v) => v + 0));
    }
  });

  it('fused matMul with a bias, run directly on operands of rank 2 to 4 (as a compiled Layers pass does), matches cpu', async () => {
    // The stock kernel reads its operands as rank 3 (fed rank 2 it wrote past its output) and adds
    // the bias to the first batch only.
    const cases: Array<[number[], number[], boolean, boolean]> = [
      [[6, 9], [9, 5], false, false],
      [[9, 6], [5, 9], true, true],
      [[6, 4, 9], [6, 9, 5], false, false],
      [[6, 4, 9], [1, 9, 5], false, false],
      [[1, 4, 9], [3, 9, 5], false, false],
      [[3, 9, 4], [3, 5, 9], true, true],
      [[2, 3, 4, 9], [1, 1, 9, 5], false, false],
      [[2, 3, 4, 9], [2, 3, 9, 5], false, false],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      const va = values(sa), vb = values(sb), vbias = values([5]);
      const r = await onBoth(() =>
        tf.tidy(() =>
          tf.engine().runKernel('_FusedMatMul', { a: tf.tensor(va, sa), b: tf.tensor(vb, sb), bias: tf.tensor1d(vbias) }, { transposeA: ta, transposeB: tb, activation: 'relu' } as never) as tf.Tensor,
        ),
      );
      expect(r.shape).toEqual([...sa.slice(0, -2).map((d, i) => Math.max(d, sb[i]!)), ta ? sa.at(-1) : sa.at(-2), tb ? sb.at(-2) : sb.at(-1)]);
      expectClose(r);
    }
  });

  const depthwise: Array<[string, number[], number[], number, number, 'same' | 'valid']> = [
    ['multiplier 1, stride 1, same', [2, 8, 9, 3], [3, 3, 3, 1], 1, 1, 'same'],
    ['multiplier 2, stride 2, same', [2, 9, 8, 3], [3, 3, 3, 2], 2, 1, 'same'],
    ['multiplier 3, stride 2, valid', [1, 10, 11, 2], [3, 3, 2, 3], 2, 1, 'valid'],
  ];
  for (const [name, xs, fs, stride, dilation, pad] of depthwise) {
    it(`depthwise conv input and filter gradients, ${name}, match cpu`, async () => {
      const vx = values(xs), vf = values(fs);
      expectClose(
        await onBoth(() =>
          tf.tidy(() => {
            const f = (x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad, 'NHWC', dilation)));
            const [gx, gw] = tf.grads(f)([tf.tensor(vx, xs), tf.tensor(vf, fs)]);
            return tf.concat([tf.reshape(gx!, [-1]), tf.reshape(gw!, [-1])]);
          }),
        ),
      );
    });
  }

  it('depthwise conv input gradient with dilation 2 equals the gradient with a zero-dilated filter', async () => {
    // tfjs refuses gradients of dilated depthwise convs and its cpu kernel ignores the dilation, but
    // a graph model may run the kernel: compare with the same conv written with a dilated filter.
    const xs = [1, 10, 9, 2], vx = values(xs), vf = values([3, 3, 2, 2]), vdy = values([1, 10, 9, 4]);
    await useBackend('cpu');
    const ref = tf.tidy(() => {
      const holes = tf.buffer([5, 5, 2, 2]);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let c = 0; c < 2; c++) for (let m = 0; m < 2; m++) holes.set(vf[((i * 3 + j) * 2 + c) * 2 + m]!, 2 * i, 2 * j, c, m);
      const dilatedFilter = holes.toTensor() as tf.Tensor4D;
      return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(x as tf.Tensor4D, dilatedFilter, 1, 'same'), tf.tensor(vdy, [1, 10, 9, 4]))))(tf.tensor(vx, xs));
    });
    const cpu = (await ref.data()) as Float32Array;
    ref.dispose();
    await useBackend('wasm');
    const got = tf.tidy(() =>
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor(vdy, [1, 10, 9, 4]), filter: tf.tensor(vf, [3, 3, 2, 2]) }, { strides: 1, dilations: 2, pad: 'same', inputShape: xs } as never) as tf.Tensor,
    );
    const wasm = (await got.data()) as Float32Array;
    got.dispose();
    expectClose({ cpu, wasm });
  });

  it('the gradient through an embedding lookup (UnsortedSegmentSum) matches cpu', async () => {
    const table = values([10, 4]);
    const ids = [3, 1, 3, 9, 0, 3];
    expectClose(
      await onBoth(() =>
        tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d(ids, 'int32')))))(tf.tensor2d(table, [10, 4]))),
      ),
    );
  });

  it('einsum (bridged) matches cpu', async () => {
    const va = values([3, 4, 5]), vb = values([3, 5, 2]);
    expectClose(await onBoth(() => tf.tidy(() => tf.einsum('bij,bjk->bik', tf.tensor3d(va, [3, 4, 5]), tf.tensor3d(vb, [3, 5, 2])))));
  });

  it('oneHot honours float32, int32 and bool dtypes (the stock kernel writes int32 bits)', async () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const r = await onBoth(() => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor2d([0, 3, -1, 2, 5, 1], [2, 3], 'int32'), 4, dtype === 'bool' ? 1 : 2.5, dtype === 'bool' ? 0 : -1, dtype), 'float32')));
      expect(Array.from(r.wasm)).toEqual(Array.from(r.cpu));
    }
  });

  it('core\'s selectTargets gradient (a float oneHot mask) matches cpu', async () => {
    const vx = values([5, 7]), vw = values([7, 3]);
    expectClose(
      await onBoth(() =>
        tf.tidy(() => {
          const w = tf.tensor2d(vw, [7, 3]);
          const mask = tf.oneHot(tf.tensor1d([0, 2, 1, 1, 0], 'int32'), 3, 1, 0, 'float32');
          return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(tf.matMul(x as tf.Tensor2D, w)), mask)))(tf.tensor2d(vx, [5, 7]));
        }),
      ),
    );
  });

  const slices: Array<[string, number[], number[], number[]]> = [
    ['rank 1', [10], [3], [5]],
    ['rows of a matrix (contiguous)', [6, 5], [2, 0], [3, 5]],
    ['a window of a matrix', [6, 5], [1, 2], [4, 2]],
    ['rank 3 window', [4, 5, 6], [1, 2, 3], [2, 3, 2]],
    ['rank 5 window', [2, 3, 4, 5, 3], [1, 0, 1, 2, 1], [1, 3, 2, 3, 2]],
    ['to the end with -1', [4, 6], [1, 2], [-1, -1]],
    ['empty', [4, 6], [1, 2], [0, 3]],
  ];
  for (const [name, shape, begin, size] of slices) {
    it(`slice, ${name}, matches cpu`, async () => {
      const v = values(shape);
      const r = await onBoth(() => tf.tidy(() => tf.slice(tf.tensor(v, shape), begin, size)));
      expect(Array.from(r.wasm)).toEqual(Array.from(r.cpu));
    });
  }

  it('max-pool gradient sends a tie to the first maximum of each window, as cpu and PyTorch do', async () => {
    // Windows with ties: [1, 1 | 3, 3] and [0.5, 2 | 3, 3]; the first maximum is at (1, 0) and (1, 2).
    const x = [1, 1, 0.5, 2, 3, 3, 3, 3, 1, 2, 2, 1, 0, 0, 0, 0];
    const r = await onBoth(() => tf.tidy(() => tf.grad((u) => tf.sum(tf.maxPool(u as tf.Tensor4D, 2, 2, 'valid')))(tf.tensor4d(x, [1, 4, 4, 1]))));
    expect(Array.from(r.wasm)).toEqual(Array.from(r.cpu));
    expect(Array.from(r.wasm).slice(4, 8)).toEqual([1, 0, 1, 0]);
    // Overlapping windows, 'same' padding, many ties (values in {0, 1, 2}), a weighted upstream gradient.
    const q = Float32Array.from(values([2, 7, 7, 3]), (v) => Math.min(2, Math.max(0, Math.round(v))));
    const up = values([2, 4, 4, 3]);
    const s = await onBoth(() =>
      tf.tidy(() => tf.grad((u) => tf.sum(tf.mul(tf.maxPool(u as tf.Tensor4D, 3, 2, 'same'), tf.tensor4d(up, [2, 4, 4, 3]))))(tf.tensor4d(q, [2, 7, 7, 3]))),
    );
    expect(Array.from(s.wasm)).toEqual(Array.from(s.cpu));
  });

  it('identity (tf.clone, and every tensor a gradient saves) shares the buffer: no copy, and each handle outlives the other', async () => {
    await useBackend('wasm');
    const buffers = tf.engine().backend.numDataIds();
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const y = tf.clone(x);
    expect(tf.engine().backend.numDataIds()).toBe(buffers + 1); // one buffer, two tensors
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    const words = tf.tensor(['a', 'b']);
    const s = tf.clone(words); // strings keep the stock kernel
    expect(await s.data()).toEqual(['a', 'b']);
    [y, s, words].forEach((t) => t.dispose());
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });

  it('slice of int32 and bool tensors matches cpu', async () => {
    const ints = Array.from({ length: 24 }, (_, i) => i * 7 - 50);
    const r = await onBoth(() => tf.tidy(() => tf.cast(tf.slice(tf.tensor3d(ints, [2, 3, 4], 'int32'), [0, 1, 1], [2, 2, 2]), 'float32')));
    expect(Array.from(r.wasm)).toEqual(Array.from(r.cpu));
    const b = await onBoth(() => tf.tidy(() => tf.cast(tf.slice(tf.greater(tf.tensor3d(ints, [2, 3, 4]), 0), [1, 0, 2], [1, 3, 2]), 'float32')));
    expect(Array.from(b.wasm)).toEqual(Array.from(b.cpu));
  });
});
