import { UnknownMethodError } from '@glassbox/core';
import { discoverPlugins, type DiscoveredPlugins, type InstalledExplainer } from './discoverPlugins';

/** The explainer a command asked for by id, and the plugins discovered to find it. */
export interface DiscoveredMethod {
  /** The installed explainer whose `name` is the method id. */
  found: InstalledExplainer;
  /**
   * What discovery found on the way: its `backends` and `metrics` are complete, its `explainers`
   * hold those of the packages imported (see `discoverPlugins`' `method` option), and its `errors`
   * the plugins refused among the packages looked at.
   */
  plugins: DiscoveredPlugins;
}

/**
 * Finds the plugin that provides method `method` for a command that needs only that one (`explain`,
 * `profile`, dataset runs), importing only the packages that may provide it: those whose manifest
 * declares it in `"methods"` and those that declare no `"methods"` (see `discoverPlugins`).
 *
 * When no package provides it, discovery runs again over every package, so that the
 * `UnknownMethodError` thrown lists every installed method id. `onErrors` receives the refused
 * plugins of the discovery that decided (printed as warnings by `explain`), before that error.
 *
 * @example
 * ```ts
 * const { found, plugins } = await discoverMethod(io.cwd, 'saliency', (lines) => lines.forEach((l) => io.err(`warning: plugin ${l}`)));
 * await selectBackend(io, 'cpu', undefined, plugins.backends);
 * await found.explainer.explain(model, inputs);
 * ```
 */
export async function discoverMethod(cwd: string, method: string, onErrors?: (errors: readonly string[]) => void): Promise<DiscoveredMethod> {
  let plugins = await discoverPlugins(cwd, { method });
  let found = plugins.explainers.find((e) => e.explainer.name === method);
  if (!found) {
    plugins = await discoverPlugins(cwd);
    found = plugins.explainers.find((e) => e.explainer.name === method);
  }
  onErrors?.(plugins.errors);
  if (!found) {
    const installed = plugins.explainers.map((e) => e.explainer.name);
    throw new UnknownMethodError(`No installed explainer "${method}"; installed: ${installed.join(', ') || 'none'}`, { method, installed });
  }
  return { found, plugins };
}
