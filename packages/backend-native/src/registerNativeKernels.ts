import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { runJavaScript, SHARES_BY_REFCOUNT, withFallback } from './kernels/kernelUtil';
import { nativeKernels } from './kernels/nativeKernels';
import { activationGradKernel } from './kernels/activationGradKernel';
import { maskedBackpropKernels } from './kernels/maskedBackpropKernels';
import { NativeKernelBackend } from './NativeKernelBackend';

/** The tfjs backend name. */
export const NATIVE_TFJS_NAME = 'native';

/**
 * Registers the `native` tfjs backend: every cpu kernel is registered again for `native`, the
 * native ones wrapped so that calls they do not support (dtypes, layouts) run the cpu kernel.
 * Idempotent.
 */
export function registerNativeKernels(): void {
  const native = new Map(nativeKernels.map((k) => [k.kernelName, k.impl]));
  for (const config of tf.getKernelsForBackend('cpu')) {
    if (tf.getKernel(config.kernelName, NATIVE_TFJS_NAME)) continue;
    const impl = native.get(config.kernelName);
    tf.registerKernel({
      ...config,
      backendName: NATIVE_TFJS_NAME,
      kernelFunc: impl
        ? withFallback(config.kernelName, impl, config.kernelFunc)
        : SHARES_BY_REFCOUNT.has(config.kernelName)
          ? config.kernelFunc
          : (((args: Parameters<KernelFunc>[0]) => runJavaScript(config.kernelFunc, args as never)) as KernelFunc),
    });
  }
  // Kernels tfjs does not have: Glassbox's own (see their files).
  for (const k of [activationGradKernel, ...maskedBackpropKernels]) {
    if (tf.getKernel(k.kernelName, NATIVE_TFJS_NAME)) continue;
    tf.registerKernel({ kernelName: k.kernelName, backendName: NATIVE_TFJS_NAME, kernelFunc: withFallback(k.kernelName, k.impl, k.javaScript) });
  }
  if (!tf.findBackendFactory(NATIVE_TFJS_NAME)) {
    // Priority 0 (below cpu's 1): tfjs never picks it on its own; Glassbox selects it by name.
    tf.registerBackend(NATIVE_TFJS_NAME, () => new NativeKernelBackend(), 0);
  }
}
