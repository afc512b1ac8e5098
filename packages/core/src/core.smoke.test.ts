import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { explainerConformance, createTinyMlp, randomInputs, referenceExplainer } from './testing';

describe('reference explainer conformance', () => {
  for (const c of explainerConformance({ explainer: referenceExplainer(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) {
    it(c.name, c.run);
  }
  it('backend is cpu', () => expect(tf.getBackend()).toBe('cpu'));
});
