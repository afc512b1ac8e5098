import { isGlassboxError } from '@glassbox/core';
import { parseArgs } from './parseArgs';
import { finishFlags, takeBoolean } from './args/flagValues';
import { processIo, type Io } from './io/Io';

// Commands load on demand: `glassbox explain` never pays for BullMQ, the metrics or the report code.
const COMMANDS = ['methods', 'backends', 'explain', 'evaluate', 'report', 'profile', 'merge', 'summarize', 'queue', 'help'];

const HELP = `glassbox — explain TensorFlow.js models

Commands:
  glassbox methods [--json]              list explainer plugins, where each comes from, and their options
  glassbox backends                      list compute backends
  glassbox explain --model <model.json> (--input <inputs.json|.npy> | --data <data.csv>) --method <id>
                   [--target <i> | --targets <i,j,...>] [--backend <name>] [--fallback <a,b>]
                   [--seed <0..4294967295>] [--memory-budget-mb <n>] [--allow-non-finite] [--timings]
                   [--out <file.json|.npy|.png|.svg|.html>] [method options as --flags]
                   [--input-name <name>] [--output <name>]: graph models with several inputs/outputs
  glassbox evaluate --model <model.json> --explanation <result.json> --metrics <a,b,...> [--out <file.json>]
  glassbox report <result.json>... --out <report.html>
  glassbox profile --model <model.json> --input <inputs.json> --method <id> [--backend <name>]   time per kernel, native or JS, peak memory
  glassbox explain … --out <results.jsonl> [--resume] [--workers n] [--shard k/n]   stream a dataset (docs/datasets.md)
  glassbox merge <a.jsonl> <b.jsonl>... --out <all.jsonl> [--input data.jsonl | --data data.csv]
  glassbox summarize <results.jsonl> --out <summary.png|.html>   global importance, beeswarm, average maps
  glassbox queue submit|worker|status|collect --redis <url> …   a dataset run on many machines (BullMQ)

Plugins: the CLI's own, plus those your project chose: glassbox.config.{js,mjs,json} ("plugins"
list) if present, else the dependencies in your nearest package.json that have a "glassbox" manifest.

Outputs are checked before any work and written atomically; an output never replaces an input.
Errors are one line: "glassbox: error [CODE]: message".

Exit status: 0 a result was written; 2 bad input (flags, files, models, data, an output that
cannot be written, non-finite results): the message says what was expected; 1 an internal error
(a bug: run with --debug and report it).`;

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
    const debug = takeBoolean(flags, 'debug');
    const help = takeBoolean(flags, 'help');
    try {
      if (help || command === 'help') return await (await import('./help/helpCommand')).helpCommand(io, command, positional, flags, HELP);
      switch (command) {
        case 'methods':
          finishFlags(new Map(), positional, 'methods', '--json');
          return await (await import('./commands/methods')).methodsCommand(io, flags);
        case 'backends':
          finishFlags(flags, positional, 'backends', 'no flags');
          return await (await import('./commands/backendsCommand')).backendsCommand(io);
        case 'explain':
          finishFlags(new Map(), positional, 'explain', 'see glassbox help');
          return await (await import('./commands/explainCommand')).explainCommand(io, flags);
        case 'evaluate':
          finishFlags(new Map(), positional, 'evaluate', 'see glassbox help');
          return await (await import('./commands/evaluateCommand')).evaluateCommand(io, flags);
        case 'profile':
          return await (await import('./commands/profileCommand')).profileCommand(io, flags);
        case 'merge':
          return await (await import('./dataset/mergeCommand')).mergeCommand(io, positional, flags);
        case 'summarize':
          return await (await import('./dataset/summarizeCommand')).summarizeCommand(io, positional, flags);
        case 'queue':
          return await (await import('./queue/queueCommand')).queueCommand(io, positional, flags);
        case 'report':
          return await (await import('./commands/reportCommand')).reportCommand(io, positional, flags);
        case undefined:
          io.out(HELP);
          io.err(`glassbox: error [UNKNOWN_COMMAND]: no command given; expected one of: ${COMMANDS.join(', ')}`);
          return 2;
        default:
          io.err(`glassbox: error [UNKNOWN_COMMAND]: unknown command "${command}"; expected one of: ${COMMANDS.join(', ')}`);
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
