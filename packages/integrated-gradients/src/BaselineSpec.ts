import { shapeOfNested, flatten, sizeOf } from '@glassbox/core';

/**
 * Where integrated gradients starts its path. JSON-safe, so that an explanation records it.
 * - `zeros`: all zeros (the default);
 * - `constant`: every element `value`;
 * - `values`: explicit values, one baseline per example `[n, ...inputShape]` or one for all `[...inputShape]`;
 * - `file`: a JSON file holding such an array (Node only);
 * - `blur`: each input blurred by a Gaussian of standard deviation `sigma` elements over its spatial
 *   axes (`imageShape` views flat inputs as images, e.g. `[28, 28]`);
 * - `uniform`: seeded uniform noise in [low, high) (default: each example's own [min, max]);
 * - `set` / `set-file`: a reference set of baselines `[M, ...inputShape]` averaged over (expected
 *   gradients): all of them, or `baselineSamples` seeded draws per example.
 */
export type BaselineSpec =
  | { kind: 'zeros' }
  | { kind: 'constant'; value: number }
  | { kind: 'values'; values: number[]; shape: number[] }
  | { kind: 'file'; path: string }
  | { kind: 'blur'; sigma: number; imageShape?: number[] }
  | { kind: 'uniform'; low?: number; high?: number }
  | { kind: 'set'; values: number[]; shape: number[] }
  | { kind: 'set-file'; path: string };

/**
 * What a caller may pass as the `baseline` option: a {@link BaselineSpec}, a number (constant), a
 * string in {@link BASELINE_SYNTAX}, or a nested array of values.
 */
export type BaselineInput = BaselineSpec | number | string | readonly unknown[];

/** The `--baseline` syntax, for help texts. */
export const BASELINE_SYNTAX = 'zeros | <number> | blur[:sigma[:HxW]] | uniform[:low:high] | <file.json> | set:<file.json>';

const DEFAULT_BLUR_SIGMA = 5;

const num = (s: string, what: string): number => {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new Error(`${what} "${s}" is not a finite number`);
  return v;
};

const arrayValues = (value: unknown): { values: number[]; shape: number[] } => {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'values' in value) {
    const v = value as { values: unknown; shape?: unknown };
    const flat = ArrayBuffer.isView(v.values) ? Array.from(v.values as Float32Array) : Array.isArray(v.values) ? flatten(v.values).map(Number) : undefined;
    const shape = Array.isArray(v.shape) ? (v.shape as number[]) : Array.isArray(v.values) ? shapeOfNested(v.values, 'baseline') : undefined;
    if (!flat || !shape || flat.length !== sizeOf(shape)) throw new Error('baseline values must fill their shape');
    return { values: Array.from(flat), shape: [...shape] };
  }
  const shape = shapeOfNested(value, 'baseline');
  return { values: Array.from(flatten(value, shape, 'baseline')), shape };
};

/**
 * Parses a baseline from code or a CLI string (the option's `parse`): a number, a nested array, a
 * {@link BaselineSpec}, or text in {@link BASELINE_SYNTAX}. Throws an Error naming the problem
 * (core wraps it in `INVALID_OPTION`). Shapes are checked against the model when the method runs.
 *
 * @example
 * ```ts
 * parseBaseline('0.5');           // { kind: 'constant', value: 0.5 }
 * parseBaseline('blur:3:28x28');  // { kind: 'blur', sigma: 3, imageShape: [28, 28] }
 * parseBaseline('set:refs.json'); // { kind: 'set-file', path: 'refs.json' }
 * ```
 */
export function parseBaseline(value: unknown): BaselineSpec {
  if (value === undefined || value === null) return { kind: 'zeros' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`constant baseline ${value} is not finite`);
    return value === 0 ? { kind: 'zeros' } : { kind: 'constant', value };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'zeros' || text === 'zero') return { kind: 'zeros' };
    if (/^[-+]?(\d|\.\d)/.test(text)) return parseBaseline(num(text, 'constant baseline'));
    const [head, ...args] = text.split(':');
    if (head === 'blur') {
      if (args.length > 2) throw new Error(`"${text}" has too many parts; expected blur[:sigma[:HxW]]`);
      const sigma = args[0] ? num(args[0], 'blur sigma') : DEFAULT_BLUR_SIGMA;
      if (!(sigma > 0)) throw new Error(`blur sigma must be > 0; got ${sigma}`);
      if (!args[1]) return { kind: 'blur', sigma };
      const imageShape = args[1].split('x').map((d) => num(d, 'image dimension'));
      if (imageShape.some((d) => !Number.isInteger(d) || d < 1)) throw new Error(`image shape "${args[1]}" must be positive integers like 28x28`);
      return { kind: 'blur', sigma, imageShape };
    }
    if (head === 'uniform') {
      if (args.length === 0) return { kind: 'uniform' };
      if (args.length !== 2) throw new Error(`"${text}" needs both bounds: uniform:low:high`);
      const [low, high] = args.map((a) => num(a, 'uniform bound')) as [number, number]; // two parts, checked above
      if (!(low < high)) throw new Error(`uniform bounds must satisfy low < high; got ${low}, ${high}`);
      return { kind: 'uniform', low, high };
    }
    if (head === 'set' && args.length > 0) return { kind: 'set-file', path: args.join(':') };
    if (/\.json$/i.test(text)) return { kind: 'file', path: text };
    throw new Error(`unknown baseline "${text}"`);
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return { kind: 'values', ...arrayValues(ArrayBuffer.isView(value) ? { values: value, shape: [(value as Float32Array).length] } : value) };
  if (typeof value === 'object') {
    const spec = value as Record<string, unknown>;
    switch (spec.kind) {
      case 'zeros':
        return { kind: 'zeros' };
      case 'constant':
        return parseBaseline(typeof spec.value === 'number' ? spec.value : NaN) as BaselineSpec;
      case 'values':
      case 'set':
        return { kind: spec.kind, ...arrayValues(spec) };
      case 'file':
      case 'set-file':
        if (typeof spec.path !== 'string' || !spec.path) throw new Error(`a "${spec.kind}" baseline needs a path`);
        return { kind: spec.kind, path: spec.path };
      case 'blur':
        return parseBaseline(`blur:${spec.sigma ?? DEFAULT_BLUR_SIGMA}${Array.isArray(spec.imageShape) ? `:${spec.imageShape.join('x')}` : ''}`);
      case 'uniform':
        return spec.low === undefined && spec.high === undefined ? { kind: 'uniform' } : parseBaseline(`uniform:${spec.low}:${spec.high}`);
    }
    throw new Error(`unknown baseline kind ${JSON.stringify(spec.kind)}`);
  }
  throw new Error(`cannot use ${typeof value} as a baseline`);
}
