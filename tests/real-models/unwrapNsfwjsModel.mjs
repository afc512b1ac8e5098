import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Evaluates one of nsfwjs's UMD `.min.js` wrappers (a browserify bundle) and returns what it exports.
 * @param {string} file
 * @returns {Promise<unknown>}
 */
async function unwrap(file) {
  const module = { exports: {} };
  // The wrapper is nsfwjs's published code: it only returns a JSON object or a base64 string.
  new Function('module', 'exports', 'require', 'define', await readFile(file, 'utf8'))(module, module.exports, undefined, undefined);
  return module.exports;
}

/**
 * Turns a model that `nsfwjs@4.4.0` ships as UMD wrappers (`dist/models/<name>/model.min.js` and
 * `group1-shardNofM.min.js`, each wrapping the JSON or the base64 weights) back into the files
 * `tensorflowjs_converter` wrote: `model.json` and binary shards in `outDir`. Returns model.json's path.
 *
 * @example
 * ```ts
 * const path = await unwrapNsfwjsModel('mobilenet_v2_mid', tmp); // a graph model, no signature
 * ```
 * @param {string} name model folder under nsfwjs's dist/models
 * @param {string} outDir where to write model.json and the shards
 * @returns {Promise<string>}
 */
export async function unwrapNsfwjsModel(name, outDir) {
  // nsfwjs's exports map hides package.json; its CommonJS entry is dist/cjs/index.js.
  const pkg = resolve(dirname(createRequire(import.meta.url).resolve('nsfwjs')), '..', '..');
  const src = join(pkg, 'dist', 'models', name);
  const json = /** @type {{ weightsManifest: { paths: string[] }[] }} */ (await unwrap(join(src, 'model.min.js')));
  await mkdir(outDir, { recursive: true });
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const base64 = /** @type {string} */ (await unwrap(join(src, `${p}.min.js`)));
      await writeFile(join(outDir, p), Buffer.from(base64, 'base64'));
    }
  }
  const path = join(outDir, 'model.json');
  await writeFile(path, JSON.stringify(json));
  return path;
}
