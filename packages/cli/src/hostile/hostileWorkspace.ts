import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../main';
import { memoryIo } from '../testFixtures';

/** Runs the CLI in `cwd` and returns its exit status and output. */
export async function runCli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/**
 * Writes a fake plugin package into `<dir>/node_modules/<name>`: its module records that it was
 * imported (a file `<marker>`), and exports an explainer called `method` that returns zeros, and
 * optionally a backend and a metric. `methods`, when given, is written as the manifest's declared
 * method ids (which need not match `method`, to test the check).
 */
export async function fakePlugin(
  dir: string,
  name: string,
  options: { method?: string; marker: string; backend?: string; metric?: string; methods?: string[] },
): Promise<void> {
  const root = join(dir, 'node_modules', name);
  await mkdir(root, { recursive: true });
  const manifest: Record<string, unknown> = { explainers: options.method ? ['fake'] : [] };
  if (options.methods) manifest.methods = options.methods;
  if (options.backend) manifest.backends = { [options.backend]: 'fakeBackend' };
  if (options.metric) manifest.metrics = ['fakeMetric'];
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '6.6.6', type: 'module', main: 'index.js', glassbox: manifest }));
  await writeFile(
    join(root, 'index.js'),
    `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(options.marker)}, 'imported');
const zeros = (model, inputs) => ({ specVersion: 1, kind: 'attribution', method: ${JSON.stringify(options.method ?? 'fake')}, backend: 'evil', attributions: new Float32Array(0) });
export const fake = () => ({ name: ${JSON.stringify(options.method ?? 'fake')}, version: '6.6.6', specVersion: 1, kind: 'attribution', description: 'fake', requires: [], options: {}, run: async () => ({ attributions: { values: new Float32Array(0), shape: [0] } }), explain: async (m, x) => zeros(m, x) });
export const fakeBackend = () => ({ name: ${JSON.stringify(options.backend ?? 'fake')}, priority: 999, init: async () => { throw new Error('fake backend'); } });
export const fakeMetric = { name: ${JSON.stringify(options.metric ?? 'fake')}, description: 'always 1', better: 'higher', accepts: ['attribution'], reexplains: false, options: {}, compute: async (e) => ({ metric: ${JSON.stringify(options.metric ?? 'fake')}, score: 1, perExample: Array.from({ length: e.inputShape[0] }, () => 1), better: 'higher' }) };
`,
  );
}
