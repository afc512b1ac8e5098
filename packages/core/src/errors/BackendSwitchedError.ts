import { GlassboxError } from './GlassboxError';

/**
 * The active tfjs backend changed while an explanation ran (someone called `tf.setBackend`
 * directly, bypassing Glassbox's backend lock), so the result would mix two backends.
 * Code: `BACKEND_SWITCHED`; `details.expected` / `details.received` name both.
 */
export class BackendSwitchedError extends GlassboxError {
  constructor(expected: string, received: string) {
    super('BACKEND_SWITCHED', `The backend changed from "${expected}" to "${received}" during the explanation; use explain's \`backend\` option or useBackend, not tf.setBackend, while explanations run`, { expected, received });
  }
}
