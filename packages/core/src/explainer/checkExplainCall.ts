import { InvalidOptionError } from '../errors/InvalidOptionError';

/** The keys of {@link ExplainCall}. */
const CALL_KEYS = ['options', 'target', 'signal', 'onProgress', 'seed', 'memoryBudgetBytes', 'labels', 'backend', 'fallback'] as const;
const KNOWN: ReadonlySet<string> = new Set(CALL_KEYS);

/**
 * Refuses keys an explain call does not have (`{ targets: 2 }` would otherwise explain the
 * predicted class, silently); method options go under `options`.
 */
export function checkExplainCall(call: unknown): void {
  if (call === undefined) return;
  if (call === null || typeof call !== 'object' || Array.isArray(call)) {
    throw new InvalidOptionError(`An explain call must be an object such as { target: 3 }; got ${call === null ? 'null' : Array.isArray(call) ? 'an array' : typeof call}`, {
      received: call === null ? 'null' : typeof call,
    });
  }
  for (const key of Object.keys(call)) {
    if (KNOWN.has(key)) continue;
    const near = CALL_KEYS.find((k) => k.toLowerCase() === key.toLowerCase().replace(/s$/, '') || `${k}s` === key);
    throw new InvalidOptionError(
      `Unknown explain call key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${CALL_KEYS.join(', ')} (method options go under "options")`,
      { key, known: [...CALL_KEYS] },
    );
  }
}
