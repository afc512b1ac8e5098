import * as tf from '@tensorflow/tfjs-core';

/**
 * A quick self-test on the active backend: transposed matMuls and a strided conv input gradient
 * against values worked out by hand. Throws, so that `useBackend` falls back, when a kernel
 * returns wrong numbers.
 */
export function checkWasmBackend(): void {
  const got = tf.tidy(() => {
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = tf.tensor2d([1, 0, -1, 2, 1, 0], [2, 3]);
    // a·bᵀ = [[1−3, 2+2], [4−6, 8+5]]; aᵀ·b = 3×3
    const abt = tf.matMul(a, b, false, true);
    const atb = tf.matMul(a, b, true, false);
    // conv2d input gradient: 1×3×3×1 input, 2×2 ones filter, stride 2, 'same'
    const dx = tf.conv2dTranspose(tf.ones([1, 2, 2, 1]) as tf.Tensor4D, tf.ones([2, 2, 1, 1]) as tf.Tensor4D, [1, 3, 3, 1], 2, 'same');
    return [...abt.dataSync(), ...atb.dataSync(), ...dx.dataSync()];
  });
  const want = [-2, 4, -2, 13, 9, 4, -1, 12, 5, -2, 15, 6, -3, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  const bad = want.findIndex((v, i) => Math.abs(v - got[i]!) > 1e-5);
  if (bad >= 0) throw new Error(`the ${tf.getBackend()} backend failed its self-test at value ${bad}: got ${got[bad]}, expected ${want[bad]}`);
}
