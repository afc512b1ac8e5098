import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` and reports how many tensors it left behind (`tf.memory().numTensors` after − before),
 * whether it resolved or threw.
 */
export async function trackTensors<T>(fn: () => Promise<T> | T): Promise<{ leaked: number; value?: T; error?: unknown }> {
  const before = tf.memory().numTensors;
  try {
    const value = await fn();
    return { leaked: tf.memory().numTensors - before, value };
  } catch (error) {
    return { leaked: tf.memory().numTensors - before, error };
  }
}
