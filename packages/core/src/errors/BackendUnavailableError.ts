import { GlassboxError } from './GlassboxError';

/** One backend that could not be initialised, and why. */
export interface BackendFailure {
  backend: string;
  reason: string;
  /** The stable code of the error that failed it, when it was a GlassboxError (e.g. `WEBGPU_UNAVAILABLE`). */
  code?: string;
}

/** No backend in the requested order could be initialised. `failures` lists every attempt. Code: `BACKEND_UNAVAILABLE`. */
export class BackendUnavailableError extends GlassboxError {
  readonly failures: readonly BackendFailure[];
  constructor(failures: BackendFailure[]) {
    const list = failures.map((f) => `${f.backend}: ${f.reason}`).join('; ');
    super('BACKEND_UNAVAILABLE', `No backend could be initialised (${list})`, { failures });
    this.failures = failures;
  }
}
