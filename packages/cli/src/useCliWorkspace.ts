import { beforeAll } from 'vitest';
import { cliIn, cliWorkspace } from './testFixtures';

/** The temporary project `cliWorkspace` makes: its folder, model, inputs and CSV. */
export type CliWorkspace = Awaited<ReturnType<typeof cliWorkspace>>;

/**
 * For a test file: a fresh {@link cliWorkspace} made before its tests (then `setup` run in it), and
 * the CLI run in-process there. `ws` is filled in by `beforeAll`: read its fields inside tests.
 */
export function useCliWorkspace(setup?: (ws: CliWorkspace) => Promise<void>): { ws: CliWorkspace; cli: ReturnType<typeof cliIn> } {
  const ws = {} as CliWorkspace;
  beforeAll(async () => {
    Object.assign(ws, await cliWorkspace());
    await setup?.(ws);
  });
  return { ws, cli: cliIn(() => ws.dir) };
}
