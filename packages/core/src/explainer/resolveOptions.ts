import { InvalidOptionError } from '../errors/InvalidOptionError';
import type { OptionSchema, OptionSpec } from './OptionSchema';
import { parseTensorOption } from './parseTensorOption';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function coerce(name: string, spec: OptionSpec, value: unknown, owner: string): unknown {
  const fail = (expected: string): never => {
    throw new InvalidOptionError(`Option "${name}" of ${owner}: expected ${expected}, got ${JSON.stringify(value)}`, {
      option: name,
      expected,
      received: value as never,
    });
  };
  switch (spec.type) {
    case 'number': {
      const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      const range = `${spec.integer ? 'an integer' : 'a number'}${spec.min !== undefined ? ` ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}` : ''}${spec.max !== undefined ? ` ≤ ${spec.max}` : ''}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(range);
      if (spec.integer && !Number.isInteger(v)) return fail(range);
      if (spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min)) return fail(range);
      if (spec.max !== undefined && v > spec.max) return fail(range);
      return v;
    }
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return fail('true or false');
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) return fail(`one of ${spec.values.join(', ')}`);
      return value;
    case 'string':
      if (typeof value !== 'string') return fail('a string');
      return value;
    case 'tensor':
      return parseTensorOption(name, value);
    case 'custom':
      try {
        return spec.parse(value);
      } catch (e) {
        if (e instanceof InvalidOptionError) throw e;
        return fail(`${spec.syntax}${e instanceof Error && e.message ? ` (${e.message})` : ''}`);
      }
  }
}

/**
 * Validates `given` against `schema` and fills defaults. Unknown keys are refused (a typo would
 * otherwise be silently ignored). Keys may be camelCase or kebab-case (`--max-depth`).
 */
export function resolveOptions<O>(schema: OptionSchema<O>, given: Record<string, unknown> | undefined, owner: string): O {
  const out: Record<string, unknown> = {};
  const specs = schema as unknown as Record<string, OptionSpec>;
  const byKebab = new Map(Object.keys(specs).map((k) => [kebab(k), k]));
  const provided = new Map<string, unknown>();
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    const name = Object.hasOwn(specs, key) ? key : byKebab.get(key);
    if (!name) {
      const known = Object.keys(specs);
      throw new InvalidOptionError(
        `Unknown option "${key}" for ${owner}; known options: ${known.length ? known.join(', ') : '(none)'}`,
        { option: key, known },
      );
    }
    provided.set(name, value);
  }
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = provided.has(name) ? coerce(name, spec, provided.get(name), owner) : spec.default;
  }
  return out as O;
}
