import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer } from '../explainer/defineExplainer';
import type { Explainer } from '../explainer/Explainer';
import { targetGradients } from '../tensor/selectTargets';

/**
 * The reference explainer the conformance suites are tested on: gradient × input, computed in
 * chunks with progress and abort checks, as a well-behaved plugin should.
 */
export function referenceExplainer(): Explainer<{ chunk: number }, 'attribution'> {
  return defineExplainer({
    name: 'reference-gradient-x-input',
    version: '1.0.0',
    kind: 'attribution',
    package: '@glassbox/core',
    description: 'Gradient × input (reference plugin for the conformance kit)',
    requires: ['gradients'],
    completeness: false,
    options: { chunk: { type: 'number', integer: true, min: 1, default: 2, description: 'Examples per chunk' } },
    async run({ model, inputs, targets, options, context }) {
      const n = inputs.shape[0];
      const parts: tf.Tensor[] = [];
      try {
        for (let i = 0; i < n; i += options.chunk) {
          context.throwIfAborted();
          const k = Math.min(options.chunk, n - i);
          parts.push(
            tf.tidy(() => {
              const x = tf.slice(inputs, i, k);
              return tf.mul(targetGradients(model.forward!, x, targets.slice(i, i + k)), x);
            }),
          );
          context.progress({ stage: 'gradient', done: i + k, total: n });
          await tf.nextFrame?.();
        }
        return { attributions: tf.concat(parts, 0) };
      } finally {
        tf.dispose(parts);
      }
    },
  });
}
