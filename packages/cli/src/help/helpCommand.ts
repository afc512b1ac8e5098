import { InvalidOptionError, UnknownMethodError } from '@glassbox/core';
import { discoverPlugins } from '../plugins/discoverPlugins';
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
    const { explainers } = await discoverPlugins(io.cwd);
    const found = explainers.find((e) => e.explainer.name === method);
    if (!found) {
      throw new UnknownMethodError(`No installed explainer "${method}"; installed: ${explainers.map((e) => e.explainer.name).join(', ') || 'none'}`, {
        method,
        installed: explainers.map((e) => e.explainer.name),
      });
    }
    io.out(methodHelp(found));
    return 0;
  }
  io.out(page);
  return 0;
}
