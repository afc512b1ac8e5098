import type { TensorValue } from './parseTensorOption';

/** Describes one option of an explainer: its type, default, range and help text. */
export type OptionSpec<T = unknown> =
  | { type: 'number'; default: T; description: string; min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }
  | { type: 'boolean'; default: T; description: string }
  | { type: 'enum'; values: readonly T[]; default: T; description: string }
  | { type: 'string'; default: T; description: string }
  | {
      /**
       * Numbers with a shape ({@link TensorValue}): a background set, a baseline, a feature mask.
       * In code a number, nested array or `{ values, shape }`; on the command line a `.json` or
       * `.csv` file that the CLI reads. `default` is usually `undefined` (not given).
       */
      type: 'tensor';
      default: T;
      description: string;
    }
  | {
      type: 'custom';
      default: T;
      description: string;
      /** Shown in help, e.g. `zeros | <number> | blur | uniform | file.json`. */
      syntax: string;
      /** Parses a value from code or a CLI string; throws a message string or Error when invalid. */
      parse(value: unknown): T;
    };

/**
 * The option schema of an explainer: one {@link OptionSpec} per option. Core validates options
 * against it and fills defaults before `run` sees them; the CLI derives its flags from it.
 *
 * @example
 * ```ts
 * const schema: OptionSchema<{ steps: number; abs: boolean }> = {
 *   steps: { type: 'number', integer: true, min: 1, default: 50, description: 'Integration steps' },
 *   abs: { type: 'boolean', default: true, description: 'Absolute value' },
 * };
 * ```
 */
export type OptionSchema<O> = { readonly [K in keyof O]-?: OptionSpec<O[K]> };
