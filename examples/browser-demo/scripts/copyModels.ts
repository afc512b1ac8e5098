// Copies the MNIST models trained by examples/mnist into public/models/, and the MobileNetV2 of
// examples/image-classification with the benchmark photos into public/bench/, so Vite serves and
// bundles them (they are committed once, in their own examples). Run by `dev` and `build`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(demoRoot, '..', '..');

/** Where the models come from: `GLASSBOX_MNIST_MODELS`, else examples/mnist/models. */
export const MODELS_SOURCE = process.env.GLASSBOX_MNIST_MODELS ?? join(demoRoot, '..', 'mnist', 'models');
export const MODELS_TARGET = join(demoRoot, 'public', 'models');
/** The MobileNetV2 (nsfwjs@4.4.0) and the photos of the browser benchmark (bench.html). */
export const MOBILENET_SOURCE = join(repoRoot, 'examples', 'image-classification', 'models', 'mobilenet_v2');
export const PHOTOS_SOURCE = join(repoRoot, 'bench', 'fixtures', 'mobilenet-photos.f32');
export const BENCH_TARGET = join(demoRoot, 'public', 'bench');

/**
 * Copies `from` to `to` unless `to` already holds the same bytes, so two builds started at once
 * (the end-to-end tests) never see a file half rewritten.
 */
function copyIfChanged(from: string, to: string): void {
  if (existsSync(to) && statSync(to).size === statSync(from).size && readFileSync(to).equals(readFileSync(from))) return;
  copyFileSync(from, to);
}

/** Copies a tfjs model folder: `model.json`, the weight files it names, and `extras` found beside it. */
function copyLayersModel(from: string, to: string, extras: string[] = []): void {
  const json = join(from, 'model.json');
  const manifest = JSON.parse(readFileSync(json, 'utf8')) as { weightsManifest?: { paths: string[] }[] };
  const files = (manifest.weightsManifest ?? []).flatMap((g) => g.paths);
  mkdirSync(to, { recursive: true });
  copyIfChanged(json, join(to, 'model.json'));
  for (const f of files) {
    const src = join(from, f);
    if (!existsSync(src)) throw new Error(`${json} names the weight file ${f}, which is missing`);
    copyIfChanged(src, join(to, f));
  }
  for (const f of extras) if (existsSync(join(from, f))) copyIfChanged(join(from, f), join(to, f));
}

/**
 * Copies `model.json` and the weight files it names for each of `mlp` and `cnn` found in `from`,
 * and writes `index.json` (`{ "models": [...] }`) so the page offers only what is there. Returns the
 * model folders copied. Throws when there is no MLP, saying how to make one.
 */
export function copyModels(from = MODELS_SOURCE, to = MODELS_TARGET): string[] {
  const copied: string[] = [];
  for (const name of ['mlp', 'cnn']) {
    if (!existsSync(join(from, name, 'model.json'))) continue;
    copyLayersModel(join(from, name), join(to, name));
    copied.push(name);
  }
  if (!copied.includes('mlp')) {
    throw new Error(`No MNIST MLP at ${join(from, 'mlp', 'model.json')}: train it first (pnpm --filter @glassbox-examples/mnist train), or set GLASSBOX_MNIST_MODELS to a folder holding mlp/model.json`);
  }
  const index = join(to, 'index.json');
  const list = `${JSON.stringify({ models: copied })}\n`;
  if (!existsSync(index) || readFileSync(index, 'utf8') !== list) writeFileSync(index, list);
  return copied;
}

/**
 * Copies what bench.html loads into `to`: `mobilenet_v2/` (the model, with its LICENSE and
 * ATTRIBUTION.md, since the built site redistributes it) and `mobilenet-photos.f32`.
 */
export function copyBenchAssets(to = BENCH_TARGET): void {
  copyLayersModel(MOBILENET_SOURCE, join(to, 'mobilenet_v2'), ['LICENSE', 'ATTRIBUTION.md']);
  copyIfChanged(PHOTOS_SOURCE, join(to, 'mobilenet-photos.f32'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const copied = copyModels();
  copyBenchAssets();
  console.log(`browser-demo: copied the MNIST models (${copied.join(', ')}) into ${relative(process.cwd(), MODELS_TARGET) || '.'}, and the benchmark's MobileNetV2 and photos into ${relative(process.cwd(), BENCH_TARGET) || '.'}`);
}
