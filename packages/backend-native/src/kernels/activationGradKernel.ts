import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BinaryOp, type NativeAddon } from '../addon/NativeAddon';
import { broadcastInto } from './binaryKernels';
import { alloc, f32, gradMask, output, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

/**
 * `GlassboxActivationGrad(dy, y; activation)`: the gradient through a fused kernel's activation from
 * its output `y` (relu: `y > 0`; relu6: `0 < y < 6`). `@glassbox/core`'s fused-kernel gradients run it
 * when the backend registers it, and otherwise compose it from tfjs ops.
 */
export const ACTIVATION_GRAD = 'GlassboxActivationGrad';

function native(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const dy = args.inputs.dy;
  const dv = f32(args.backend, dy), mask = gradMask(args);
  if (!dv || !mask) return null; // not a call the addon takes: the JavaScript kernel runs
  const r = broadcastInto(addon, mask.act === 2 ? BinaryOp.relu6Grad : BinaryOp.reluGrad, dv, dy!.shape, mask.y, dy!.shape);
  return r && output(args.backend, r.shape, r.values);
}

/** The same in JavaScript (any shapes equal, float32 values). */
const javaScript: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as MathBackendCPU;
  const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
  const dv = b.data.get(dy.dataId).values as Float32Array, yv = b.data.get(y.dataId).values as Float32Array;
  const relu6 = (attrs as { activation?: string }).activation === 'relu6';
  if (!relu6 && (attrs as { activation?: string }).activation !== 'relu') throw new Error(`${ACTIVATION_GRAD}: unsupported activation`);
  const out = alloc(dv.length);
  for (let i = 0; i < dv.length; i++) out[i] = yv[i]! > 0 && (!relu6 || yv[i]! < 6) ? dv[i]! : 0;
  return output(b, [...dy.shape], out);
};

export const activationGradKernel: NativeKernel & { javaScript: KernelFunc } = { kernelName: ACTIVATION_GRAD, impl: native, javaScript };
