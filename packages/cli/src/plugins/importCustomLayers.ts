import { readFile, stat } from 'node:fs/promises';
import { jsonDepth, PluginError } from '@glassbox/core';
import type { LayerModule } from './discoverPlugins';

/** Larger or deeper model.json files are left to the model loader, which refuses them with the same limits. */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
const MAX_DEPTH = 256;

/**
 * The layer class names a tfjs Layers model.json uses (every `class_name` in its topology); empty
 * when the file cannot be read or parsed, which the model loader then reports.
 */
export async function layerClassNames(modelJsonPath: string): Promise<Set<string>> {
  const names = new Set<string>();
  let json: { modelTopology?: unknown };
  try {
    if ((await stat(modelJsonPath)).size > MAX_MODEL_JSON_BYTES) return names;
    json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as { modelTopology?: unknown };
  } catch {
    return names;
  }
  const topology = json?.modelTopology;
  if (jsonDepth(topology, MAX_DEPTH) > MAX_DEPTH) return names;
  const stack: unknown[] = [topology];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'class_name' && typeof v === 'string') names.add(v);
      else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return names;
}

/**
 * Imports the plugin packages whose manifest declares a custom layer that the model uses, so that
 * tfjs-layers can build it whatever method runs (commands that need one method import only that
 * method's package). A package that fails to import is a `PluginError` naming the layers.
 *
 * @example
 * ```ts
 * await importCustomLayers('text/model.json', plugins.layers); // imports @glassbox/attention
 * ```
 */
export async function importCustomLayers(modelJsonPath: string, modules: readonly LayerModule[]): Promise<void> {
  if (modules.length === 0) return;
  const used = await layerClassNames(modelJsonPath);
  for (const m of modules) {
    const layers = m.classNames.filter((c) => used.has(c));
    if (layers.length === 0) continue;
    try {
      await m.load();
    } catch (e) {
      throw new PluginError(`${m.packageName} provides the model's layers ${layers.join(', ')} but could not be imported: ${(e as Error).message}`, { plugin: m.packageName, layers }, { cause: e });
    }
  }
}
