import * as tfl from '@tensorflow/tfjs-layers';
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveLayersModel } from '@glassbox/core/node';
import { createRandom } from '@glassbox/core';
import type { Io } from './io/Io';
import { main } from './main';

/** A temporary folder with a small seeded Layers model (6 → 8 tanh → 3 softmax) and inputs. */
export async function cliWorkspace(): Promise<{ dir: string; model: string; inputs: string; csv: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'glassbox-cli-'));
  const m = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [6], units: 8, activation: 'tanh', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
      tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  const features = ['a', 'b', 'c', 'd', 'e', 'f'];
  await saveLayersModel(m, join(dir, 'model'), { classNames: ['x', 'y', 'z'], featureNames: features });
  m.dispose();
  const rng = createRandom(1);
  const rows = Array.from({ length: 120 }, () => features.map(() => +rng.uniform(-2, 2).toFixed(4)));
  await writeFile(join(dir, 'inputs.json'), JSON.stringify({ inputs: rows.slice(0, 3) }));
  await writeFile(join(dir, 'data.csv'), [features.join(','), ...rows.map((r) => r.join(','))].join('\n'));
  // A project that chose the third-party occlusion plugin: declared in package.json, installed in node_modules.
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'cli-test-project', private: true, dependencies: { 'glassbox-plugin-occlusion': '*' } }));
  await mkdir(join(dir, 'node_modules'));
  await symlink(await realpath(join(import.meta.dirname, '..', 'node_modules', 'glassbox-plugin-occlusion')), join(dir, 'node_modules', 'glassbox-plugin-occlusion'), 'dir');
  return { dir, model: join(dir, 'model', 'model.json'), inputs: join(dir, 'inputs.json'), csv: join(dir, 'data.csv') };
}

/** An Io that records lines. */
export function memoryIo(cwd: string): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs the CLI in-process in `dir`: exit code, stdout and stderr. */
export function cliIn(dir: () => string): (...argv: string[]) => Promise<{ code: number; out: string; err: string }> {
  return async (...argv) => {
    const io = memoryIo(dir());
    const code = await main(argv, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
}
