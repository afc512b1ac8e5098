import type { OptionSpec } from '@glassbox/core';
import type { InstalledExplainer } from '../plugins/discoverPlugins';
import { describeOption } from '../commands/methods';

/**
 * The help page of one explainer: what it computes, what it needs from the model, and each option
 * as a flag with its type, range and default, read from the plugin's option schema.
 *
 * @example
 * ```ts
 * methodHelp(found); // 'integrated-gradients — Path integral …\n  --steps <integer in [1, 100000]> (default 50) …'
 * ```
 */
export function methodHelp({ explainer: e, packageName, packageVersion }: InstalledExplainer): string {
  const options = Object.entries(e.options as Record<string, OptionSpec>);
  return [
    `${e.name} — ${e.description}`,
    '',
    `Plugin:   ${packageName}@${packageVersion}`,
    `Result:   ${e.kind}`,
    `Needs:    ${e.requires.length ? `a model with ${e.requires.join(', ')}` : 'only the model\'s outputs (any model)'}`,
    '',
    `Usage:    glassbox explain --model <model.json> --input <inputs> --method ${e.name} [options below] [explain flags]`,
    '',
    options.length ? 'Options (each default is used when its flag is left out):' : 'This method has no options.',
    ...options.map(([k, s]) => `  ${describeOption(k, s)}`),
    '',
    'The flags every method shares (inputs, pictures, targets, labels, backend, output): glassbox explain --help',
  ].join('\n');
}
