import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BinaryOp, type NativeAddon } from '../addon/NativeAddon';
import { broadcastInto } from './binaryKernels';
import { alloc, f32, output, type NativeKernel, type NativeKernelArgs } from './kernelUtil';

/**
 * `GlassboxActivationGrad(dy, y; activation)`: the gradient through a fused kernel's activation from
 * its output `y` (relu: `y > 0`; relu6: `0 < y < 6`). `@glassbox/core`'s fused-kernel gradients run it
 * when the backend registers it, and otherwise compose it from tfjs ops.
 */
export const ACTIVATION_GRAD = 'GlassboxActivationGrad';

const ops: Record<string, number> = { relu: BinaryOp.reluGrad, relu6: BinaryOp.relu6Grad };

function native(args: NativeKernelArgs, addon: NativeAddon): TensorInfo | null {
  const { dy, y } = args.inputs;
  if (!dy || !y) return null; // an input missing: the cpu kernel runs
  const op = ops[String(args.attrs.activation)];
  const dv = f32(args.backend, dy), yv = f32(args.backend, y);
  if (op === undefined || !dv || !yv || dy.shape.length !== y.shape.length || dy.shape.some((d, i) => d !== y.shape[i])) return null;
  const r = broadcastInto(addon, op, dv, dy.shape, yv, y.shape);
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
