import { TargetOutOfRangeError } from '../errors/TargetOutOfRangeError';

/**
 * One flat output index per example. `'predicted'` takes each row's argmax (index 0 for a single
 * output). Refuses non-integers, out-of-range indices and a list of the wrong length.
 */
export function resolveTargets(
  target: number | readonly number[] | 'predicted' | undefined,
  outputs: Float32Array,
  batch: number,
  outputSize: number,
): number[] {
  if (target === undefined || target === 'predicted') {
    return Array.from({ length: batch }, (_, i) => {
      let best = 0;
      for (let j = 1; j < outputSize; j++) if (outputs[i * outputSize + j]! > outputs[i * outputSize + best]!) best = j;
      return best;
    });
  }
  const list = typeof target === 'number' ? Array.from({ length: batch }, () => target) : [...target];
  if (list.length !== batch) {
    throw new TargetOutOfRangeError(`Got ${list.length} targets for ${batch} examples; expected one per example (or a single number)`, {
      expected: batch,
      received: list.length,
    });
  }
  list.forEach((t, i) => {
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= outputSize) {
      throw new TargetOutOfRangeError(`Target ${t} (example ${i}) is out of range; expected an integer in [0, ${outputSize - 1}]`, {
        example: i,
        target: t,
        outputs: outputSize,
      });
    }
  });
  return list;
}
