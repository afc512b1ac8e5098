import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendProvider } from './BackendProvider';

// Silence tfjs's "install tfjs-node" banner in Node; PROD only disables debug-mode checks.
if (tf.env().platformName === 'node' || typeof process !== 'undefined') tf.env().set('PROD', true);

/** tfjs's pure-JavaScript backend: always available, the reference every other backend is checked against. */
export const cpuBackend: BackendProvider = {
  name: 'cpu',
  priority: 0,
  description: 'pure JavaScript (reference)',
  async init() {
    // Silence tfjs's "install tfjs-node" banner; PROD only disables debug-mode checks.
    tf.env().set('PROD', true);
  },
};
