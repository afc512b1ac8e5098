import { PluginError, type BackendProvider } from '@glassbox/core';

/**
 * The backend provider that export `exportName` of a plugin module makes: a factory
 * (`() => BackendProvider`) is called, a provider object is taken as it is. A `PluginError` when it
 * is neither.
 */
export function backendFrom(mod: Record<string, unknown>, exportName: string, plugin: string): BackendProvider {
  const factory = mod[exportName];
  const provider = typeof factory === 'function' ? (factory as () => unknown)() : factory;
  const p = provider as Partial<BackendProvider> | undefined;
  if (!p || typeof p.name !== 'string' || typeof p.init !== 'function' || typeof p.priority !== 'number') {
    throw new PluginError(`${plugin}: "${exportName}" is not a backend factory (expected () => { name, priority, init })`, { plugin });
  }
  return p as BackendProvider;
}
