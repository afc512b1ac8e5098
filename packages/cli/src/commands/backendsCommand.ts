import { listBackends } from '@glassbox/core';
import { discoverPlugins } from '../plugins/discoverPlugins';
import type { Io } from '../io/Io';

/** `glassbox backends`: registered backends and those plugins declare, with where each comes from. */
export async function backendsCommand(io: Io): Promise<number> {
  const { backends, errors } = await discoverPlugins(io.cwd);
  const registered = listBackends();
  for (const b of registered) io.out(`${b.name}  priority ${b.priority}${b.description ? `  ${b.description}` : ''}`);
  for (const b of backends) {
    if (registered.some((r) => r.name === b.name)) continue;
    io.out(`${b.name}  (${b.packageName}${b.packageVersion ? `@${b.packageVersion}` : ''}; ${b.via}; initialised when chosen with --backend ${b.name})`);
  }
  for (const e of errors) io.err(`warning: plugin ${e}`);
  return 0;
}
