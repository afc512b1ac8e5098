import * as tf from '@tensorflow/tfjs-core';
import { isNode } from '../util/isNode';

let loading: Promise<void> | undefined;

/**
 * tfjs-core alone registers no gradients and no chained tensor methods (`x.reshape(...)`); the
 * union package `@tensorflow/tfjs` does. This registers both, once. Core calls it before any
 * gradient method runs and when a backend is selected; call it yourself before using `tf.grad`
 * directly. The modules are per-file ESM with extensionless imports that Node cannot load, so the
 * build bundles them (tsup `noExternal`); a dynamic import keeps bundlers from dropping them.
 *
 * @example
 * ```ts
 * await ensureGradients();
 * const g = tf.grad((x) => tf.sum(tf.square(x)))(tf.ones([3]));
 * ```
 */
export function ensureGradients(): Promise<void> {
  // Silence tfjs-backend-cpu's "install tfjs-node" banner; PROD only disables debug-mode checks.
  if (!loading && isNode()) tf.env().set('PROD', true);
  loading ??= Promise.all([
    import('@tensorflow/tfjs-core/dist/register_all_gradients.js'),
    import('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js'),
  ]).then(() => undefined);
  return loading;
}
