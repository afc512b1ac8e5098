import { binaryKernels } from './binaryKernels';
import { convKernels } from './convKernels';
import { depthwiseKernels } from './depthwiseKernels';
import { layoutKernels } from './layoutKernels';
import type { NativeKernel } from './kernelUtil';
import { matMulKernels } from './matMulKernels';
import { reduceKernels } from './reduceKernels';
import { unaryKernels } from './unaryKernels';

/** Every kernel with a native implementation. */
export const nativeKernels: readonly NativeKernel[] = [
  ...matMulKernels,
  ...binaryKernels,
  ...unaryKernels,
  ...reduceKernels,
  ...convKernels,
  ...depthwiseKernels,
  ...layoutKernels,
];
