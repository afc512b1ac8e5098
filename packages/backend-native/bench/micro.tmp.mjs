import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients, registerBackend, useBackend } from '@glassbox/core';
import { nativeBackend } from '@glassbox/backend-native';
await ensureGradients();
registerBackend(nativeBackend({ threads: 1 }));
await useBackend('native');
const x1 = tf.randomUniform([3200, 28, 28, 1]), f1 = tf.randomUniform([3, 3, 1, 8]);
const x2 = tf.randomUniform([3200, 13, 13, 8]), f2 = tf.randomUniform([3, 3, 8, 16]);
const y1 = tf.randomUniform([3200, 26, 26, 8]), dy2 = tf.randomUniform([3200, 11, 11, 16]), dp = tf.randomUniform([3200, 13, 13, 8]);
const cases = [
  ['conv1', () => tf.conv2d(x1, f1, 1, 'valid')],
  ['conv2', () => tf.conv2d(x2, f2, 1, 'valid')],
  ['bpi2', () => tf.conv2dTranspose(dy2, f2, [3200, 13, 13, 8], 1, 'valid')],
  ['bpi1', () => tf.conv2dTranspose(y1, f1, [3200, 28, 28, 1], 1, 'valid')],
  ['maxpool', () => tf.maxPool(y1, 2, 2, 'valid')],
  ['maxpoolgrad', () => tf.grad((a) => tf.maxPool(a, 2, 2, 'valid'))(y1, dp)],
  ['step', () => tf.step(y1)],
];
for (const [name, f] of cases) {
  const ts = [];
  for (let i = 0; i < 8; i++) { const c0 = process.cpuUsage(); const r = f(); r.dataSync(); const c = process.cpuUsage(c0); ts.push((c.user + c.system) / 1000); r.dispose(); }
  ts.sort((a, b) => a - b);
  console.log(name.padEnd(12), 'best', ts[0].toFixed(1), 'median', ts[4].toFixed(1));
}
