import { InvalidOptionError } from '../errors/InvalidOptionError';
import type { ExplainCall } from './Explainer';

/** The keys of {@link ExplainCall} (the compiler refuses this list when one is missing or extra). */
const KNOWN = { options: true, target: true, signal: true, onProgress: true, seed: true, memoryBudgetBytes: true, labels: true, backend: true, fallback: true } satisfies Record<keyof ExplainCall<unknown>, true>;
const CALL_KEYS = Object.keys(KNOWN);

/**
 * Refuses keys an explain call does not have (`{ targets: 2 }` would otherwise explain the
 * predicted class, silently); method options go under `options`.
 */
export function checkExplainCall(call: unknown): void {
  if (call === null || typeof call !== 'object' || Array.isArray(call)) {
    throw new InvalidOptionError(`An explain call must be an object such as { target: 3 }; got ${call === null ? 'null' : Array.isArray(call) ? 'an array' : typeof call}`, {
      received: call === null ? 'null' : typeof call,
    });
  }
  for (const key of Object.keys(call)) {
    if (Object.hasOwn(KNOWN, key)) continue;
    const near = CALL_KEYS.find((k) => k.toLowerCase() === key.toLowerCase().replace(/s$/, ''));
    throw new InvalidOptionError(
      `Unknown explain call key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${CALL_KEYS.join(', ')} (method options go under "options")`,
      { key, known: CALL_KEYS },
    );
  }
}
