import { InvalidInputError } from '@glassbox/core';
/**
 * Gaussian blur of one example (flat, row-major `shape`) along `axes`, separably, with the kernel
 * truncated at 3σ and renormalised over the taps inside the array at the borders (a constant image
 * stays constant). Float64 arithmetic, float32 result.
 *
 * @example
 * ```ts
 * const blurred = gaussianBlur(pixels, [28, 28, 1], [0, 1], 5); // blur height and width, not channels
 * ```
 */
export function gaussianBlur(values: ArrayLike<number>, shape: readonly number[], axes: readonly number[], sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  let current = Float64Array.from(values as ArrayLike<number>);
  for (const axis of axes) {
    const len = shape[axis];
    if (len === undefined) throw new InvalidInputError(`gaussianBlur: axis ${axis} is outside shape [${shape.join(', ')}]`, { axis, shape: [...shape] });
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = current.length / (len * stride);
    const next = new Float64Array(current.length);
    for (let o = 0; o < outer; o++) {
      for (let s = 0; s < stride; s++) {
        const base = o * len * stride + s;
        for (let i = 0; i < len; i++) {
          let acc = 0, norm = 0;
          for (let t = Math.max(0, i - radius); t <= Math.min(len - 1, i + radius); t++) {
            const w = kernel[t - i + radius]!;
            acc += w * current[base + t * stride]!;
            norm += w;
          }
          next[base + i * stride] = acc / norm;
        }
      }
    }
    current = next;
  }
  return Float32Array.from(current);
}
