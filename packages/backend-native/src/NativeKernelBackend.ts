import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/**
 * tfjs's CPU backend with its hot kernels replaced by native ones (registered for the backend name
 * `native` by {@link registerNativeKernels}). Tensors live in the CPU backend's typed arrays, which
 * the native kernels read and write in place.
 */
export class NativeKernelBackend extends MathBackendCPU {}
