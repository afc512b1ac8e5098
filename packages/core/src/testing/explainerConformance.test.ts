import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer } from '../explainer/defineExplainer';
import { targetGradients } from '../tensor/selectTargets';
import { explainerConformance } from './explainerConformance';
import { createTinyMlp, randomInputs } from './fixtures';
import { referenceExplainer } from './referenceExplainer';

const suite = (explainer: Parameters<typeof explainerConformance>[0]['explainer']) =>
  explainerConformance({ explainer, model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) });

describe('explainer conformance on the reference explainer', () => {
  for (const c of suite(referenceExplainer())) it(c.name, c.run);
});

describe('the conformance suite catches broken explainers', () => {
  const leaky = defineExplainer({
    name: 'leaky',
    package: { name: 'conformance-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'keeps a tensor it should have released',
    requires: ['gradients'],
    options: {},
    async run({ model, inputs, targets }) {
      tf.keep(tf.ones([2])); // the leak
      return { attributions: targetGradients(model.forward, inputs, targets) };
    },
  });
  const shapeBreaking = defineExplainer({
    name: 'shape-breaking',
    package: { name: 'conformance-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'returns one value per example instead of one per feature',
    requires: ['gradients'],
    options: {},
    async run({ inputs }) {
      return { attributions: tf.zeros([inputs.shape[0], 1]) };
    },
  });
  const abortIgnoring = defineExplainer({
    name: 'abort-ignoring',
    package: { name: 'conformance-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'reports progress but never checks the signal',
    requires: ['gradients'],
    options: {},
    async run({ model, inputs, targets, context }) {
      context.progress({ stage: 'a', done: 0, total: 2 });
      return { attributions: targetGradients(model.forward, inputs, targets) };
    },
  });
  const find = (checks: ReturnType<typeof suite>, word: string) => checks.find((c) => c.name.includes(word))!;

  it('fails the leak check on a leaking explainer', async () => {
    await expect(find(suite(leaky), 'leaks no tensors').run()).rejects.toThrow(/leaked 1 tensors/);
    tf.disposeVariables();
  });
  it('fails the shape check on a shape-breaking explainer', async () => {
    await expect(find(suite(shapeBreaking), 'expected shape').run()).rejects.toThrow(/attribution shape \[3,1\]; expected \[3,6\]/);
  });
  it('fails the abort check on an explainer that ignores its signal', async () => {
    await expect(find(suite(abortIgnoring), 'abort mid-run').run()).rejects.toThrow(/the call resolved/);
  });
});
