export { webgpuBackend, webgpuBackendInfo, type WebGpuBackendOptions, type WebGpuBackendInfo } from './webgpuBackend';
export { WebGpuUnavailableError, type WebGpuUnavailableReason } from './WebGpuUnavailableError';
export { createNodeGpu } from './createNodeGpu';
export { findSwiftShader, SWIFTSHADER_ICD_CANDIDATES, type SwiftShader } from './findSwiftShader';
export { defaultWarmupSteps, smallWarmupSteps, type WarmupStep } from './warmupWorkload';
export type { GpuLike, GpuAdapterLike, GpuAdapterInfoLike, GpuDeviceLike } from './gpuTypes';
