import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients, registerBackend, useBackend } from '@glassbox/core';
import { nativeBackend } from '@glassbox/backend-native';
await ensureGradients();
registerBackend(nativeBackend({ threads: 1 }));
await useBackend('native');
const x1 = tf.randomUniform([3200, 28, 28, 1]), f1 = tf.randomUniform([3, 3, 1, 8]);
const y1 = tf.randomUniform([3200, 26, 26, 8]), dp = tf.randomUniform([3200, 13, 13, 8]);
const which = process.argv[2];
for (let i = 0; i < 12; i++) {
  const t0 = performance.now();
  const r = which === 'conv1' ? tf.conv2d(x1, f1, 1, 'valid') : which === 'bpi1' ? tf.conv2dTranspose(y1, f1, [3200, 28, 28, 1], 1, 'valid') : tf.grad((a) => tf.maxPool(a, 2, 2, 'valid'))(y1, dp);
  r.dataSync(); r.dispose();
  if (i > 8) console.log(which, (performance.now() - t0).toFixed(1));
}
