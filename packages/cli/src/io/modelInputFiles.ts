import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * The files a model reads: model.json, the weight shards its manifest names, and a
 * `tokenizer.json` beside it. An output must never overwrite one of them. A model.json that cannot
 * be read gives just itself (loading it reports the problem).
 */
export async function modelInputFiles(modelPath: string): Promise<string[]> {
  const dir = dirname(modelPath);
  const files = [modelPath, join(dir, 'tokenizer.json')];
  try {
    const json = JSON.parse(await readFile(modelPath, 'utf8')) as { weightsManifest?: { paths?: unknown }[] };
    for (const group of Array.isArray(json.weightsManifest) ? json.weightsManifest : []) {
      for (const p of Array.isArray(group?.paths) ? group.paths : []) if (typeof p === 'string') files.push(resolve(dir, p));
    }
  } catch {
    /* unreadable: the loader says why */
  }
  return files;
}
