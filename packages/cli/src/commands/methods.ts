import type { OptionSpec } from '@glassbox/core';
import { discoverPlugins } from '../plugins/discoverPlugins';
import type { Io } from '../io/Io';
import { finishFlags, takeBoolean } from '../args/flagValues';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Describes an option as a CLI flag: `--steps <integer ≥ 1> (default 50)  Integration steps`. */
export function describeOption(name: string, spec: OptionSpec): string {
  const kind =
    spec.type === 'enum'
      ? spec.values.join('|')
      : spec.type === 'custom'
        ? spec.syntax
        : spec.type === 'tensor'
          ? 'number|file.json|file.csv'
        : spec.type === 'number'
          ? `${spec.integer ? 'integer' : 'number'}${
              spec.min !== undefined && spec.max !== undefined ? ` in [${spec.min}, ${spec.max}]` : spec.min !== undefined ? ` ≥ ${spec.min}` : spec.max !== undefined ? ` ≤ ${spec.max}` : ''
            }`
          : spec.type;
  const def = spec.default === undefined ? '' : ` (default ${typeof spec.default === 'object' || spec.default === '' ? JSON.stringify(spec.default) : String(spec.default)})`;
  return `--${kebab(name)} ${spec.type === 'custom' ? kind : `<${kind}>`}${def}  ${spec.description}`;
}

/** `glassbox methods`: the installed explainers, their packages, requirements and options. */
export async function methodsCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const json = takeBoolean(flags, 'json');
  finishFlags(flags, [], 'methods', '--json');
  const { explainers, errors, config } = await discoverPlugins(io.cwd);
  if (json) {
    io.out(
      JSON.stringify(
        explainers.map(({ explainer: e, packageName, packageVersion, via }) => ({
          method: e.name,
          package: packageName,
          version: packageVersion,
          source: via,
          kind: e.kind,
          requires: e.requires,
          options: Object.fromEntries(Object.entries(e.options as Record<string, OptionSpec>).map(([k, s]) => [k, { ...s, parse: undefined }])),
        })),
        null,
        2,
      ),
    );
  } else {
    for (const { explainer: e, packageName, packageVersion, via } of explainers) {
      io.out(`${e.name}  (${packageName}${packageVersion ? `@${packageVersion}` : ''}, ${via}; ${e.kind}; needs ${e.requires.join(', ') || 'nothing'})`);
      io.out(`    ${e.description}`);
      for (const [k, s] of Object.entries(e.options as Record<string, OptionSpec>)) io.out(`    ${describeOption(k, s)}`);
    }
    if (explainers.length === 0) io.out('No Glassbox explainer plugins are installed.');
    io.out(config ? `Plugins chosen in ${config}.` : 'Plugins: built-in, and the dependencies of the nearest package.json that have a "glassbox" manifest.');
  }
  for (const e of errors) io.err(`warning: plugin ${e}`);
  return 0;
}
