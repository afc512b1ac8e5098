// Copies the MNIST models trained by examples/mnist into public/models/ so Vite serves and bundles
// them (they are committed once, in examples/mnist). Run by `dev` and `build`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where the models come from: `GLASSBOX_MNIST_MODELS`, else examples/mnist/models. */
export const MODELS_SOURCE = process.env.GLASSBOX_MNIST_MODELS ?? join(demoRoot, '..', 'mnist', 'models');
export const MODELS_TARGET = join(demoRoot, 'public', 'models');

/**
 * Copies `model.json` and the weight files it names for each of `mlp` and `cnn` found in `from`,
 * and writes `index.json` (`{ "models": [...] }`) so the page offers only what is there. Returns the
 * model folders copied. Throws when there is no MLP, saying how to make one.
 */
export function copyModels(from = MODELS_SOURCE, to = MODELS_TARGET): string[] {
  const copied: string[] = [];
  for (const name of ['mlp', 'cnn']) {
    const json = join(from, name, 'model.json');
    if (!existsSync(json)) continue;
    const manifest = JSON.parse(readFileSync(json, 'utf8')) as { weightsManifest?: { paths: string[] }[] };
    const files = (manifest.weightsManifest ?? []).flatMap((g) => g.paths);
    mkdirSync(join(to, name), { recursive: true });
    copyFileSync(json, join(to, name, 'model.json'));
    for (const f of files) {
      const src = join(from, name, f);
      if (!existsSync(src)) throw new Error(`${json} names the weight file ${f}, which is missing`);
      copyFileSync(src, join(to, name, f));
    }
    copied.push(name);
  }
  if (!copied.includes('mlp')) {
    throw new Error(`No MNIST MLP at ${join(from, 'mlp', 'model.json')}: train it first (pnpm --filter @glassbox-examples/mnist train), or set GLASSBOX_MNIST_MODELS to a folder holding mlp/model.json`);
  }
  writeFileSync(join(to, 'index.json'), `${JSON.stringify({ models: copied })}\n`);
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const copied = copyModels();
  console.log(`browser-demo: copied the MNIST models (${copied.join(', ')}) into ${relative(process.cwd(), MODELS_TARGET) || '.'}`);
}
