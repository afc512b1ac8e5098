import { InvalidOptionError } from '@glassbox/core';
import { takeFlag } from '../parseArgs';

/**
 * Takes a flag that needs a value (a path, a name): refuses `--model` with nothing after it
 * (parsed as `"true"`) and empty values.
 *
 * @example
 * ```ts
 * const model = takeValue(flags, 'model', 'a model.json path');
 * ```
 */
export function takeValue(flags: Map<string, string>, name: string, expected: string): string | undefined {
  const v = takeFlag(flags, name);
  if (v === undefined) return undefined;
  if (v === 'true' || v.trim() === '') throw new InvalidOptionError(`--${name} needs a value: ${expected}`, { flag: name, expected });
  return v;
}

/** Options of {@link takeNumber}. */
export interface NumberFlag {
  integer?: boolean;
  min?: number;
  max?: number;
  /** What the number limits, for the message ("megabytes one chunk of work may use"). */
  what: string;
}

/** Parses one number strictly: no empty strings, no `0x`, `1e`, `Infinity`; within the range. */
export function parseNumber(text: string, flag: string, spec: NumberFlag): number {
  const range = `${spec.integer ? 'an integer' : 'a number'}${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}${spec.max !== undefined ? ` ≤ ${spec.max}` : ''}`;
  const t = text.trim();
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n) || (spec.integer && !Number.isInteger(n)) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    throw new InvalidOptionError(`--${flag} ${JSON.stringify(text.slice(0, 40))}: expected ${range} (${spec.what})`, { flag, received: text.slice(0, 40), ...spec });
  }
  return n;
}

/**
 * Takes a numeric flag, checked against its range; the message names what the number limits.
 *
 * @example
 * ```ts
 * const mb = takeNumber(flags, 'memory-budget-mb', { min: 1, max: 1 << 20, what: 'megabytes one chunk of work may use' });
 * ```
 */
export function takeNumber(flags: Map<string, string>, name: string, spec: NumberFlag): number | undefined {
  const v = takeFlag(flags, name);
  return v === undefined ? undefined : parseNumber(v, name, spec);
}

/** Takes a boolean flag (`--json`, `--json true`, `--json=false`); anything else is refused. */
export function takeBoolean(flags: Map<string, string>, name: string): boolean {
  const v = takeFlag(flags, name);
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new InvalidOptionError(`--${name} is a switch and takes no value (got ${JSON.stringify(v.slice(0, 40))}); write --${name}, or --${name}=false`, { flag: name });
}

/** Refuses flags a command did not take, and positional words it does not accept. */
export function finishFlags(flags: Map<string, string>, positional: readonly string[], command: string, accepted: string): void {
  if (positional.length) throw new InvalidOptionError(`Unexpected argument "${positional[0]!.slice(0, 80)}" for ${command}; flags are written --name value (${accepted})`, { argument: positional[0]!.slice(0, 80) });
  const left = [...flags.keys()];
  if (left.length) throw new InvalidOptionError(`Unknown flag --${left[0]} for ${command}; expected ${accepted}`, { flag: left[0] });
}

/** A null-prototype record of the remaining flags (method options): safe for any flag name. */
export function flagsToOptions(flags: Map<string, string>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of flags) out[k] = v;
  return out;
}
