import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendValues, DataId } from '@tensorflow/tfjs-core';
import { outputPool } from './kernels/outputPool';

/**
 * tfjs's CPU backend with its hot kernels replaced by native ones (registered for the backend name
 * `native` by {@link registerNativeKernels}). Tensors live in the CPU backend's typed arrays, which
 * the native kernels read and write in place. The buffers native kernels allocate are recycled when
 * their tensors are disposed (see kernels/outputPool), so reads return copies of them.
 */
export class NativeKernelBackend extends MathBackendCPU {
  override readSync(dataId: DataId): BackendValues {
    const values = super.readSync(dataId);
    return outputPool.owns(values) ? values.slice() : values;
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.data.get(dataId)?.values;
    const released = super.disposeData(dataId, force);
    if (values && !this.data.has(dataId)) outputPool.give(values);
    return released;
  }

  override dispose(): void {
    super.dispose();
    outputPool.clear();
  }
}
