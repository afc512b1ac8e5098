import { InvalidInputError, InvalidOptionError, formatShape, sizeOf, type Random } from '@glassbox/core';
import type { BaselineSpec } from './BaselineSpec';
import { gaussianBlur } from './gaussianBlur';
import { readJsonArray } from './readJsonArray';

/** What {@link resolveBaselines} needs. */
export interface BaselineRequest {
  spec: BaselineSpec;
  /** The inputs, flat `[n, ...inputShape]`. */
  inputs: Float32Array;
  n: number;
  inputShape: readonly number[];
  /** Baselines per example for random and set baselines (0: one uniform draw, or the whole set). */
  samples: number;
  random: Random;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function checkFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new InvalidInputError(`${what} contains ${values[i]} at element ${i}; expected finite numbers`, { element: i });
  }
}

/**
 * Turns a {@link BaselineSpec} into concrete baselines: `perExample` baselines for each example,
 * flat `[n, perExample, ...inputShape]`. Refuses baselines of the wrong shape or with NaN/Infinity
 * (`INVALID_INPUT`) and `samples` that a deterministic baseline cannot honour (`INVALID_OPTION`).
 *
 * @example
 * ```ts
 * const { values, perExample } = await resolveBaselines({
 *   spec: parseBaseline('uniform'), inputs: xs, n: 2, inputShape: [784], samples: 8, random: context.random,
 * }); // perExample 8: values is [2, 8, 784] flat
 * ```
 */
export async function resolveBaselines(req: BaselineRequest): Promise<{ values: Float32Array; perExample: number }> {
  const { spec, inputs, n, inputShape, samples, random } = req;
  const per = sizeOf(inputShape);
  const expected = `[${n}, ${inputShape.join(', ')}] (one per example) or ${formatShape(inputShape)} (one for all)`;
  const random_ = spec.kind === 'uniform' || spec.kind === 'set' || spec.kind === 'set-file';
  if (!random_ && samples > 1) {
    throw new InvalidOptionError(`Option "baselineSamples" ${samples} needs a random or set baseline (uniform, set:<file>); the "${spec.kind}" baseline is deterministic`, {
      option: 'baselineSamples',
      received: samples,
    });
  }
  switch (spec.kind) {
    case 'zeros':
      return { values: new Float32Array(n * per), perExample: 1 };
    case 'constant':
      return { values: new Float32Array(n * per).fill(spec.value), perExample: 1 };
    case 'values':
    case 'file': {
      const { values, shape } = spec.kind === 'file' ? await readJsonArray(spec.path) : { values: Float32Array.from(spec.values), shape: spec.shape };
      checkFinite(values, 'Baseline');
      if (sameShape(shape, [n, ...inputShape])) return { values, perExample: 1 };
      if (sameShape(shape, inputShape) || (shape.length === inputShape.length + 1 && shape[0] === 1 && sameShape(shape.slice(1), inputShape))) {
        const out = new Float32Array(n * per);
        for (let i = 0; i < n; i++) out.set(values, i * per);
        return { values: out, perExample: 1 };
      }
      throw new InvalidInputError(`Baseline has shape ${formatShape(shape)}; expected ${expected}`, { expected: [n, ...inputShape], received: shape });
    }
    case 'blur': {
      const shape = spec.imageShape ?? [...inputShape];
      if (sizeOf(shape) !== per) {
        throw new InvalidOptionError(`Option "baseline": blur image shape ${formatShape(shape)} has ${sizeOf(shape)} elements; the input has ${per}`, { option: 'baseline' });
      }
      if (shape.length > 3) throw new InvalidOptionError(`Option "baseline": blur works on [length], [height, width] or [height, width, channels]; got ${formatShape(shape)}`, { option: 'baseline' });
      const axes = shape.length === 3 ? [0, 1] : shape.map((_, i) => i);
      const out = new Float32Array(n * per);
      for (let i = 0; i < n; i++) out.set(gaussianBlur(inputs.subarray(i * per, (i + 1) * per), shape, axes, spec.sigma), i * per);
      return { values: out, perExample: 1 };
    }
    case 'uniform': {
      const k = Math.max(1, samples);
      const rng = random.fork('baseline:uniform');
      const out = new Float32Array(n * k * per);
      for (let i = 0; i < n; i++) {
        let lo = spec.low, hi = spec.high;
        if (lo === undefined || hi === undefined) {
          lo = Infinity;
          hi = -Infinity;
          for (let j = i * per; j < (i + 1) * per; j++) {
            lo = Math.min(lo, inputs[j]!);
            hi = Math.max(hi, inputs[j]!);
          }
        }
        rng.fillUniform(out.subarray(i * k * per, (i + 1) * k * per), lo, hi);
      }
      return { values: out, perExample: k };
    }
    case 'set':
    case 'set-file': {
      const { values, shape } = spec.kind === 'set-file' ? await readJsonArray(spec.path) : { values: Float32Array.from(spec.values), shape: spec.shape };
      checkFinite(values, 'Baseline set');
      const M = sameShape(shape, inputShape) ? 1 : shape.length === inputShape.length + 1 && sameShape(shape.slice(1), inputShape) ? shape[0]! : 0;
      if (M < 1) {
        throw new InvalidInputError(`Baseline set has shape ${formatShape(shape)}; expected [M, ${inputShape.join(', ')}] (M ≥ 1 reference baselines)`, {
          expected: [-1, ...inputShape],
          received: shape,
        });
      }
      const k = samples > 0 ? samples : M;
      const rng = random.fork('baseline:set');
      const out = new Float32Array(n * k * per);
      for (let i = 0; i < n; i++) {
        // All M in order by default; otherwise seeded draws, without replacement while they last.
        const order = samples > 0 ? drawIndices(M, k, rng) : Array.from({ length: M }, (_, j) => j);
        order.forEach((b, j) => out.set(values.subarray(b * per, (b + 1) * per), (i * k + j) * per));
      }
      return { values: out, perExample: k };
    }
  }
}

function drawIndices(M: number, k: number, rng: Random): number[] {
  const out: number[] = [];
  while (out.length < k) {
    const pool = Array.from({ length: M }, (_, j) => j);
    for (let j = M - 1; j > 0; j--) {
      const r = rng.int(j + 1);
      [pool[j], pool[r]] = [pool[r]!, pool[j]!];
    }
    out.push(...pool.slice(0, k - out.length));
  }
  return out;
}
