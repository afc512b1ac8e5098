/** The minimal AsyncLocalStorage surface the lock needs (Node's `node:async_hooks`). */
interface AsyncStore {
  getStore(): unknown;
  run<R>(store: unknown, fn: () => R): R;
}

interface LockState {
  /** Settles when the last queued holder releases; never rejects. */
  tail: Promise<void>;
  /** Marks code running inside the lock, so that nested calls do not wait for themselves (Node only). */
  als: AsyncStore | undefined;
}

const LOCK_KEY = Symbol.for('glassbox.backendLock');

function asyncStore(): AsyncStore | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = proc?.getBuiltinModule?.('node:async_hooks') as { AsyncLocalStorage?: new () => AsyncStore } | undefined;
  return hooks?.AsyncLocalStorage ? new hooks.AsyncLocalStorage() : undefined;
}

function lockState(): LockState {
  const g = globalThis as Record<symbol, unknown>;
  // Shared through globalThis, like the backend registry, so that duplicated copies of core agree.
  return ((g[LOCK_KEY] as LockState | undefined) ??= { tail: Promise.resolve(), als: asyncStore() });
}

/**
 * Runs `fn` while no other explanation or backend switch runs: tfjs keeps ONE active backend per
 * process, so a switch (or an `await` inside another explanation) would otherwise move work to
 * another backend mid-run. Holders run one at a time, in arrival order. In Node, calls made from
 * inside a holder (a nested `explain`, `withBackend` inside a pipeline step) join it instead of
 * waiting; in browsers nested calls must go through `run`, not `explain`.
 *
 * @example
 * ```ts
 * const [a, b] = await Promise.all([
 *   withBackendLock(async () => { await useBackendUnlocked('wasm'); return work(); }),
 *   withBackendLock(async () => work()),
 * ]);
 * ```
 */
export async function withBackendLock<T>(fn: () => Promise<T>): Promise<T> {
  const state = lockState();
  if (state.als && state.als.getStore() === state) return fn();
  const previous = state.tail;
  let release!: () => void;
  state.tail = new Promise<void>((r) => (release = r));
  await previous;
  try {
    return await (state.als ? state.als.run(state, fn) : fn());
  } finally {
    release();
  }
}
