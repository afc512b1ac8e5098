import * as tf from '@tensorflow/tfjs-core';
import { name, version } from '../../package.json';
import { defineExplainer } from '../explainer/defineExplainer';
import type { Explainer } from '../explainer/Explainer';
import { targetGradients } from '../tensor/selectTargets';
import { runChunks } from '../tensor/runChunks';

/**
 * The reference explainer the conformance suites are tested on: gradient × input, computed in
 * chunks of `chunk` examples by core's chunk runner (progress and abort checks between chunks),
 * as a well-behaved plugin should.
 */
export function referenceExplainer(): Explainer<{ chunk: number }, 'attribution'> {
  return defineExplainer({
    name: 'reference-gradient-x-input',
    package: { name, version },
    kind: 'attribution',
    description: 'Gradient × input (reference plugin for the conformance kit)',
    requires: ['gradients'],
    completeness: false,
    options: { chunk: { type: 'number', integer: true, min: 1, default: 2, description: 'Examples per chunk' } },
    async run({ model, inputs, targets, options, context }) {
      const n = inputs.shape[0];
      const per = inputs.size / n;
      const values = new Float32Array(inputs.size);
      await runChunks({
        total: n,
        context,
        stage: 'gradient',
        cost: { chunkSize: options.chunk },
        compute: (start, end) => {
          const x = tf.slice(inputs, start, end - start);
          return tf.mul(targetGradients(model.forward, x, targets.slice(start, end)), x);
        },
        collect: (chunk, start) => values.set(chunk, start * per),
      });
      return { attributions: { values, shape: [...inputs.shape] } };
    },
  });
}
