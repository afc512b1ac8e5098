import { InvalidOptionError } from '@glassbox/core';
import { discoverMethod } from '../plugins/discoverMethod';
import type { Io } from '../io/Io';
import { commandHelp, EXIT_CODES, HELP_COMMANDS } from './commandHelp';
import { methodHelp } from './methodHelp';

/**
 * Prints help and resolves to 0: the overview (`glassbox --help`, `glassbox help`), a command's
 * page (`glassbox explain --help`, `glassbox help explain`), or a method's options with their
 * defaults (`glassbox explain --method saliency --help`). An unknown command or method is the
 * usual one-line typed error (exit status 2).
 *
 * @example
 * ```ts
 * await helpCommand(io, 'explain', [], new Map([['method', 'saliency']]), overview);
 * ```
 */
export async function helpCommand(io: Io, command: string | undefined, positional: readonly string[], flags: Map<string, string>, overview: string): Promise<number> {
  const topic = command === 'help' || command === undefined ? positional[0] : command;
  if (topic === undefined) {
    io.out(`${overview}\n\nHelp on a command: glassbox <command> --help; on a method's options: glassbox explain --method <id> --help\n\n${EXIT_CODES}`);
    return 0;
  }
  const page = commandHelp(topic);
  if (!page) throw new InvalidOptionError(`No help on "${topic}"; commands are ${HELP_COMMANDS.join(', ')}`, { topic });
  const method = flags.get('method');
  if (topic === 'explain' && method && method !== 'true') {
    const { found } = await discoverMethod(io.cwd, method);
    io.out(methodHelp(found));
    return 0;
  }
  io.out(page);
  return 0;
}
