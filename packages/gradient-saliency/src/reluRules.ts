import * as tf from '@tensorflow/tfjs-core';
import type { GradientRules } from '@glassbox/core';

/**
 * Guided backpropagation's rule (Springenberg et al. 2015; Captum's `GuidedBackprop`): a ReLU
 * passes back only positive gradients, and only where it was active: `relu(dy · 1[x > 0])`.
 */
export const guidedReluRules: GradientRules = { Relu: ({ gradient }) => tf.relu(gradient()) };

/**
 * Deconvolution's rule (Zeiler & Fergus 2014; Captum's `Deconvolution`): a ReLU passes back the
 * positive part of the upstream gradient whatever its input was: `relu(dy)`.
 */
export const deconvolutionReluRules: GradientRules = { Relu: ({ dy }) => tf.relu(dy) };
