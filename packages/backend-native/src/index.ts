export { nativeBackend, type NativeBackendOptions } from './nativeBackend';
export { nativeInfo, type NativeInfo } from './nativeInfo';
export { setNativeThreads } from './threads';
export { NativeKernelBackend } from './NativeKernelBackend';
export { registerNativeKernels, NATIVE_TFJS_NAME } from './registerNativeKernels';
export { nativeKernelCalls } from './kernels/kernelUtil';
