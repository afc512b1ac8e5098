import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError } from '../errors/InvalidOptionError';
import { RULE_KERNELS, type GradientRules, type RuleKernel } from './GradientRules';

type GradConfig = ReturnType<typeof tf.getGradient>;

/**
 * Runs a synchronous forward pass `fn` with the nonlinearities named in `rules` backpropagating by
 * those rules. The mechanism works on tfjs kernels, not on layers: tfjs attaches a kernel's
 * gradient to the tape when the kernel runs, so core swaps the registered gradient of each named
 * kernel for the rule while `fn` runs and restores the original before returning (also when `fn`
 * throws). Every model whose forward pass is made of tfjs ops — Layers and Graph models,
 * functions — gets the rules without knowing about them; the gradients recorded outside `fn`, and
 * all gradients after it, are tfjs's own.
 *
 * Model adapters call it to provide the `gradient-rules` capability; explainers call
 * `model.forward(x, { gradientRules })` instead.
 *
 * @example
 * ```ts
 * const rules = { Relu: ({ dy, gradient }) => tf.mul(gradient(), tf.cast(tf.greater(dy, 0), 'float32')) };
 * const g = tf.grad((x) => withGradientRules(rules, () => net(x)).sum())(x); // guided backprop
 * ```
 */
export function withGradientRules<T>(rules: GradientRules | undefined, fn: () => T): T {
  const entries = Object.entries(rules ?? {}).filter(([, rule]) => rule !== undefined);
  if (entries.length === 0) return fn();
  for (const [kernel, rule] of entries) {
    if (!(kernel in RULE_KERNELS)) {
      throw new InvalidOptionError(`No gradient rule can replace kernel "${kernel}"; expected one of ${Object.keys(RULE_KERNELS).join(', ')}`, { kernel });
    }
    if (typeof rule !== 'function') throw new InvalidOptionError(`The gradient rule for "${kernel}" is not a function`, { kernel });
  }
  const saved = new Map<string, GradConfig | undefined>();
  try {
    for (const [kernel, rule] of entries) {
      const original = tf.getGradient(kernel);
      saved.set(kernel, original);
      tf.registerGradient(ruleConfig(kernel as RuleKernel, rule!, original));
    }
    return fn();
  } finally {
    for (const [kernel, original] of saved) {
      if (original) tf.registerGradient(original);
      else tf.unregisterGradient(kernel);
    }
  }
}

/** A gradient config that saves the kernel's inputs and output and hands them to `rule`. */
function ruleConfig(kernel: RuleKernel, rule: NonNullable<GradientRules[RuleKernel]>, original: GradConfig | undefined): GradConfig {
  const inputNames = RULE_KERNELS[kernel] as readonly string[];
  return {
    kernelName: kernel,
    inputsToSave: [...inputNames],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const byName = new Map(inputNames.map((n, i) => [n, saved[i]!]));
      const y = saved[inputNames.length]!;
      const dyT = dy as tf.Tensor;
      // The original gradient, fed the tensors its own config asks to save.
      const originalGrads = (upstream: tf.Tensor) => {
        if (!original) throw new Error(`tfjs has no gradient registered for ${kernel}`);
        const own = [...(original.inputsToSave ?? []).map((n) => byName.get(n)!), ...((original.outputsToSave ?? []).some(Boolean) ? [y] : [])];
        return original.gradFunc(upstream, own, attrs);
      };
      const first = inputNames[0]!;
      return {
        [first]: () =>
          rule({ kernel, dy: dyT, x: byName.get(first)!, y, attrs, gradient: (upstream = dyT) => originalGrads(upstream)[first]!() }),
      };
    },
  };
}
