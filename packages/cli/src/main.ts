import { isGlassboxError, listBackends } from '@glassbox/core';
import { parseArgs } from './parseArgs';
import { methodsCommand } from './commands/methods';
import { explainCommand } from './commands/explainCommand';
import { evaluateCommand } from './commands/evaluateCommand';
import { reportCommand } from './commands/reportCommand';
import { processIo, type Io } from './io/Io';
import { mergeCommand } from './dataset/mergeCommand';
import { queueCommand } from './queue/queueCommand';
import { summarizeCommand } from './dataset/summarizeCommand';

const HELP = `glassbox — explain TensorFlow.js models

Commands:
  glassbox methods [--json]              list installed explainer plugins and their options
  glassbox backends                      list registered compute backends
  glassbox explain --model <model.json> (--input <inputs.json> | --data <data.csv>) --method <id>
                   [--target <i> | --targets <i,j,...>] [--backend <name>] [--fallback <a,b>]
                   [--seed <n>] [--out <file.json|.png|.svg|.html>] [method options as --flags]
  glassbox evaluate --model <model.json> --explanation <result.json> --metrics <a,b,...> [--out <file.json>]
  glassbox report <result.json>... --out <report.html>
  glassbox explain … --out <results.jsonl> [--resume] [--workers n] [--shard k/n]   stream a dataset (docs/datasets.md)
  glassbox merge <a.jsonl> <b.jsonl>... --out <all.jsonl> [--input data.jsonl | --data data.csv]
  glassbox summarize <results.jsonl> --out <summary.png|.html>   global importance, beeswarm, average maps
  glassbox queue submit|worker|status|collect --redis <url> …   a dataset run on many machines (BullMQ)

Errors are one line: "glassbox: error [CODE]: message"; exit status 2 for bad input, 1 otherwise.`;

/**
 * Runs the CLI and resolves to the exit status. Never throws for expected failures: typed
 * errors become one line on stderr.
 *
 * @example
 * ```ts
 * const code = await main(['explain', '--model', 'model.json', '--input', 'x.json', '--method', 'saliency']);
 * ```
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const { command, positional, flags } = parseArgs(argv);
    const debug = flags.get('debug') === 'true';
    flags.delete('debug');
    try {
      switch (command) {
        case 'methods':
          return await methodsCommand(io, flags);
        case 'backends':
          for (const b of listBackends()) io.out(`${b.name}  priority ${b.priority}${b.description ? `  ${b.description}` : ''}`);
          return 0;
        case 'explain':
          return await explainCommand(io, flags);
        case 'evaluate':
          return await evaluateCommand(io, flags);
        case 'merge':
          return await mergeCommand(io, positional, flags);
        case 'summarize':
          return await summarizeCommand(io, positional, flags);
        case 'queue':
          return await queueCommand(io, positional, flags);
        case 'report':
          return await reportCommand(io, positional, flags);
        case undefined:
        case 'help':
        case '--help':
          io.out(HELP);
          return command === undefined ? 2 : 0;
        default:
          io.err(`glassbox: error [UNKNOWN_COMMAND]: unknown command "${command}"; expected methods, backends, explain, evaluate or report`);
          return 2;
      }
    } catch (e) {
      if (debug && e instanceof Error) io.err(e.stack ?? e.message);
      throw e;
    }
  } catch (e) {
    if (isGlassboxError(e)) {
      io.err(`glassbox: error [${e.code}]: ${e.message.split('\n')[0]}`);
      return 2;
    }
    io.err(`glassbox: error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)} (run with --debug for details)`);
    return 1;
  }
}
