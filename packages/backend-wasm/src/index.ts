export { wasmBackend, wasmBackendInfo, type WasmBackendOptions, type WasmBackendInfo } from './wasmBackend';
export { wasmPaths, configuredWasmPaths, WASM_FILE_NAMES, type WasmFileName, type WasmPaths } from './wasmPaths';
export { locateWasmFiles } from './locateWasmFiles';
export {
  installWasmKernels,
  restoreStockWasmKernels,
  wasmKernelsInstalled,
  REPLACED_WASM_KERNELS,
  ADDED_WASM_KERNELS,
} from './kernels/installWasmKernels';
export { checkWasmBackend } from './checkWasmBackend';
