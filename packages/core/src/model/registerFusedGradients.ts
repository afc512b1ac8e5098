import * as tf from '@tensorflow/tfjs-core';

type Act = 'linear' | 'relu' | 'relu6' | 'leakyrelu' | 'elu' | 'sigmoid';
type Attrs = Record<string, unknown>;

const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Attrs) =>
  tf.engine().runKernel(name, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;

/**
 * A kernel a backend may register to compute relu/relu6 gradients from the output in one pass:
 * inputs `{dy, y}`, attribute `activation` ('relu' | 'relu6'); `@glassbox/backend-native` does.
 */
export const ACTIVATION_GRAD_KERNEL = 'GlassboxActivationGrad';

/**
 * Kernels a backend may register to run a convolution's input backprop on `dy` masked by the fused
 * relu/relu6 in the same pass, instead of `GlassboxActivationGrad` and then the backprop (the
 * masked `dy` never goes to memory): inputs `{dy, y, filter}`, the backprop kernel's attributes
 * plus `activation` ('relu' | 'relu6'). `@glassbox/backend-native` registers both.
 */
export const MASKED_BACKPROP_INPUT_KERNELS = {
  conv2d: 'GlassboxConv2DBackpropInputMasked',
  depthwise: 'GlassboxDepthwiseBackpropInputMasked',
} as const;

/** The input backprop of the activation-masked `dy` in one kernel, when the backend has it; else null. */
function maskedBackpropInput(
  kernel: string, dy: tf.Tensor, y: tf.Tensor, filter: tf.Tensor, activation: unknown, attrs: Attrs,
): tf.Tensor | null {
  if ((activation !== 'relu' && activation !== 'relu6') || !tf.getKernel(kernel, tf.getBackend())) return null;
  return run(kernel, { dy, y, filter }, { ...attrs, activation });
}

/**
 * The gradient of the pre-activation from the fused output `y`. The masks read `y`, not the
 * pre-activation: `y > 0` iff the pre-activation is, and ReLU6 passes the gradient where
 * `0 < y < 6` (PyTorch's hardtanh rule; the kink points themselves get 0).
 */
export function fusedActivationGrad(dy: tf.Tensor, y: tf.Tensor, activation: unknown, alpha: unknown): tf.Tensor {
  if ((activation === 'relu' || activation === 'relu6') && tf.getKernel(ACTIVATION_GRAD_KERNEL, tf.getBackend())) {
    return run(ACTIVATION_GRAD_KERNEL, { dy, y }, { activation });
  }
  switch ((activation ?? 'linear') as Act) {
    case 'linear': return dy;
    case 'relu': return tf.mul(dy, tf.step(y));
    case 'relu6': return tf.mul(dy, tf.mul(tf.step(y), tf.step(tf.sub(6, y))));
    case 'leakyrelu': return tf.mul(dy, tf.step(y, Number(alpha ?? 0.2)));
    case 'elu': return run('EluGrad', { dy, y }, {});
    case 'sigmoid': return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    default: throw new Error(`No gradient for the fused activation "${String(activation)}"`);
  }
}

/** Sums `d` down to `shape` (the inverse of broadcasting). */
function reduceTo(d: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, d.shape);
  return tf.reshape(axes.length ? tf.sum(d, axes) : d, shape);
}

/** The two inputs and the output a fused kernel's gradient saved (`inputsToSave` + `outputsToSave`). */
function savedTriple(saved: tf.Tensor[]): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const [p, q, y] = saved;
  if (!p || !q || !y) throw new Error(`A fused kernel's gradient expected 3 saved tensors, got ${saved.length}`);
  return [p, q, y];
}

let registered = false;

/**
 * Registers gradients for tfjs's fused kernels (`FusedConv2D`, `FusedDepthwiseConv2D`,
 * `_FusedMatMul`) as lazy thunks, one per input. tfjs's own fused ops compute every input's
 * gradient eagerly inside a `customGrad` (a saliency map pays for the filter gradient); a kernel
 * run directly with `runKernel` uses these instead, and the tape calls only the thunks of inputs
 * on the path to what is differentiated. Idempotent; the compiled layers forward pass and the fused graph nodes call it.
 *
 * @example
 * ```ts
 * registerFusedGradients();
 * const g = tf.grad((x) => tf.sum(tf.engine().runKernel('FusedConv2D', { x, filter }, attrs) as tf.Tensor))(x);
 * ```
 */
export function registerFusedGradients(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'FusedConv2D',
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = savedTriple(saved);
      const a = attrs as Attrs;
      if ((a.dataFormat ?? 'NHWC') !== 'NHWC') throw new Error('FusedConv2D gradient: only NHWC');
      const d = () => fusedActivationGrad(dy as tf.Tensor, y, a.activation, a.leakyreluAlpha);
      const common = { strides: a.strides, pad: a.pad, dataFormat: 'NHWC', dimRoundingMode: a.dimRoundingMode, dilations: a.dilations };
      return {
        x: () =>
          maskedBackpropInput(MASKED_BACKPROP_INPUT_KERNELS.conv2d, dy as tf.Tensor, y, filter, a.activation, { ...common, inputShape: x.shape }) ??
          run('Conv2DBackpropInput', { dy: d(), filter }, { ...common, inputShape: x.shape }),
        filter: () => run('Conv2DBackpropFilter', { x, dy: d() }, { ...common, filterShape: filter.shape }),
        bias: () => reduceTo(d(), [y.shape[y.rank - 1]!]),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'FusedDepthwiseConv2D',
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = savedTriple(saved);
      const a = attrs as Attrs;
      const d = () => fusedActivationGrad(dy as tf.Tensor, y, a.activation, a.leakyreluAlpha);
      const common = { strides: a.strides, pad: a.pad, dimRoundingMode: a.dimRoundingMode, dilations: a.dilations ?? [1, 1] };
      return {
        x: () =>
          maskedBackpropInput(MASKED_BACKPROP_INPUT_KERNELS.depthwise, dy as tf.Tensor, y, filter, a.activation, { ...common, inputShape: x.shape }) ??
          run('DepthwiseConv2dNativeBackpropInput', { dy: d(), filter }, { ...common, inputShape: x.shape }),
        filter: () => run('DepthwiseConv2dNativeBackpropFilter', { x, dy: d() }, { ...common, filterShape: filter.shape }),
        bias: () => reduceTo(d(), [y.shape[y.rank - 1]!]),
      };
    },
  });
  tf.registerGradient({
    kernelName: '_FusedMatMul',
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [a, b, y] = savedTriple(saved);
      const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as Attrs;
      const d = () => fusedActivationGrad(dy as tf.Tensor, y, activation, leakyreluAlpha);
      const ta = Boolean(transposeA), tb = Boolean(transposeB);
      return {
        a: () => (!ta ? tf.matMul(d(), b, false, !tb) : tb ? tf.matMul(b, d(), true, true) : tf.matMul(b, d(), false, true)),
        b: () => (!tb ? tf.matMul(a, d(), !ta, false) : ta ? tf.matMul(d(), a, true, true) : tf.matMul(d(), a, true, false)),
        bias: () => reduceTo(d(), [y.shape[y.rank - 1]!]),
      };
    },
  });
}
