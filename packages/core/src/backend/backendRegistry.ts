import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type BackendFailure } from '../errors/BackendUnavailableError';
import { InvalidOptionError } from '../errors/InvalidOptionError';
import type { BackendProvider } from './BackendProvider';
import type { Progress } from '../explainer/ExplainContext';
import { cpuBackend } from './cpuBackend';
import { ensureGradients } from './ensureGradients';
import { withBackendLock } from './backendLock';

interface Entry {
  provider: BackendProvider;
  state?: Promise<void> | undefined;
  warmed?: Promise<void> | undefined;
}

const REGISTRY_KEY = Symbol.for('glassbox.backendRegistry');
type Registry = Map<string, Entry>;

/** The process-wide registry (shared by duplicated copies of core), created with `cpu` on first use: importing core changes nothing. */
function registryOf(): Registry {
  const global = globalThis as Record<symbol, unknown>;
  let registry = global[REGISTRY_KEY] as Registry | undefined;
  if (!registry) global[REGISTRY_KEY] = registry = new Map();
  if (!registry.has('cpu')) registry.set('cpu', { provider: cpuBackend });
  return registry;
}

/** Registers (or replaces) a backend provider. */
export function registerBackend(provider: BackendProvider): void {
  registryOf().set(provider.name, { provider });
}

/** Registered providers, highest priority first. */
export function listBackends(): BackendProvider[] {
  return [...registryOf().values()].map((e) => e.provider).sort((a, b) => b.priority - a.priority);
}

/** The outcome of {@link useBackend}: the backend now active and every one that failed before it. */
export interface BackendSelection {
  name: string;
  failures: BackendFailure[];
  /** True when a fallback, not the first choice, is active. */
  fellBack: boolean;
}

export interface UseBackendOptions {
  /** Tried in order when the first choice fails. */
  fallback?: readonly string[];
  onProgress?: (p: Progress) => void;
}

/**
 * Switches tfjs to a registered backend, initialising it on first use, and falls back in order.
 * `'auto'` tries every registered backend by priority. Throws one `BackendUnavailableError` that
 * lists every backend tried and why it failed. It waits until running explanations finish (they
 * hold the backend lock), so it never switches one mid-run; it sets the backend of later calls
 * that do not name one. Concurrent code should pass `backend` to `explain` instead.
 *
 * @example
 * ```ts
 * const { name, failures } = await useBackend('webgpu', { fallback: ['wasm', 'cpu'] });
 * if (failures.length) console.warn(`using ${name}: ${failures.map((f) => f.reason).join('; ')}`);
 * ```
 */
export async function useBackend(name: string, options: UseBackendOptions = {}): Promise<BackendSelection> {
  return withBackendLock(() => useBackendUnlocked(name, options));
}

/** {@link useBackend} for code that already holds the backend lock (runExplainer). */
export async function useBackendUnlocked(name: string, options: UseBackendOptions = {}): Promise<BackendSelection> {
  const order = name === 'auto' ? listBackends().map((p) => p.name) : [name, ...(options.fallback ?? [])];
  const failures: BackendFailure[] = [];
  await ensureGradients();
  for (const candidate of order) {
    const entry = registryOf().get(candidate);
    if (!entry) {
      failures.push({ backend: candidate, reason: `not registered (known: ${[...registryOf().keys()].join(', ')}; import its package's /register entry)` });
      continue;
    }
    try {
      options.onProgress?.({ stage: `backend:${candidate}`, done: 0, total: 1, message: `initialising ${candidate}` });
      entry.state ??= entry.provider.init();
      await entry.state;
      const tfName = entry.provider.tfjsName ?? entry.provider.name;
      const ok = await tf.setBackend(tfName);
      if (!ok) throw new Error(`tfjs could not initialise backend "${tfName}"`);
      await tf.ready();
      if (entry.provider.warmup && !entry.warmed) {
        options.onProgress?.({ stage: `backend:${candidate}`, done: 0, total: 1, message: `warming up ${candidate}` });
        entry.warmed = entry.provider.warmup(options.onProgress);
      }
      await entry.warmed;
      options.onProgress?.({ stage: `backend:${candidate}`, done: 1, total: 1, message: `${candidate} ready` });
      return { name: candidate, failures, fellBack: failures.length > 0 };
    } catch (e) {
      entry.state = undefined;
      entry.warmed = undefined;
      const code = (e as { code?: unknown })?.code;
      failures.push({ backend: candidate, reason: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) });
    }
  }
  if (order.length === 0) throw new InvalidOptionError('No backend named', { backend: name });
  throw new BackendUnavailableError(failures);
}

/** The provider of the active backend, when it is registered. */
export function currentBackendProvider(): BackendProvider | undefined {
  return registryOf().get(currentBackend())?.provider;
}

/** Name of the active backend (as Glassbox knows it). */
export function currentBackend(): string {
  const tfName = tf.getBackend();
  for (const { provider } of registryOf().values()) if ((provider.tfjsName ?? provider.name) === tfName) return provider.name;
  return tfName;
}

/**
 * Runs `fn` on another backend and switches back afterwards (for per-step backends in pipelines),
 * holding the backend lock throughout so that no concurrent call switches it in between.
 */
export async function withBackend<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!name) return fn();
  return withBackendLock(async () => {
    const previous = currentBackend();
    await useBackendUnlocked(name);
    try {
      return await fn();
    } finally {
      await useBackendUnlocked(previous);
    }
  });
}
