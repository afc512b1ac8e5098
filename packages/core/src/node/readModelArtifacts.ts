import { open, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ModelFileError } from '../errors/ModelFileError';
import { jsonDepth } from '../util/jsonDepth';
import { DEFAULT_MEMORY_BUDGET } from '../explainer/runExplainer';
import { defaultMemoryBudget } from '../tensor/defaultMemoryBudget';

/** Bytes per element of the dtypes tfjs weight files use. */
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2, uint16: 2, int8: 1 };
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
/** Deepest nesting accepted in a model.json (real ones stay under 20; tfjs reads it recursively). */
const MAX_MODEL_JSON_DEPTH = 256;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

/** The validated contents of a model.json and its shards. */
export interface ModelArtifactsOnDisk {
  json: Record<string, any>;
  format: 'layers-model' | 'graph-model';
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export interface ReadModelOptions {
  /** Refuse models whose weights need more bytes than this (default: the default memory budget, at least 256 MiB). */
  maxWeightBytes?: number;
}

const bad = (msg: string, details: Record<string, unknown> = {}) => new ModelFileError('MODEL_FILE_INVALID', msg, details);

/**
 * Reads and validates a tfjs model.json and its weight shards from disk. Everything is checked
 * before weights are read or allocated: JSON structure, weight paths (must stay inside the
 * model's folder), dtypes, shapes (non-negative integers; total within the budget), each shard's
 * existence and that the shards' sizes add up to what the manifest declares.
 */
export async function readModelArtifacts(modelJsonPath: string, options: ReadModelOptions = {}): Promise<ModelArtifactsOnDisk> {
  const maxBytes = options.maxWeightBytes ?? Math.max(DEFAULT_MEMORY_BUDGET, defaultMemoryBudget());
  let info;
  try {
    info = await stat(modelJsonPath);
  } catch (e) {
    throw new ModelFileError('MODEL_FILE_INVALID', `Cannot read model file ${modelJsonPath}: ${(e as Error).message}`, { path: modelJsonPath });
  }
  if (!info.isFile()) throw bad(`${modelJsonPath} is not a file; expected a model.json`);
  if (info.size > MAX_MODEL_JSON_BYTES) throw bad(`${modelJsonPath} is ${info.size} bytes; model.json files over ${MAX_MODEL_JSON_BYTES} bytes are refused`);
  let json: Record<string, any>;
  try {
    json = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  } catch (e) {
    throw bad(`${modelJsonPath} is not valid JSON: ${(e as Error).message}`, { path: modelJsonPath });
  }
  if (!json || typeof json !== 'object' || !json.modelTopology) throw bad(`${modelJsonPath} has no modelTopology; expected a tfjs model.json`);
  if (jsonDepth(json, MAX_MODEL_JSON_DEPTH) > MAX_MODEL_JSON_DEPTH) throw bad(`${modelJsonPath} is nested more than ${MAX_MODEL_JSON_DEPTH} levels deep; the limit on model.json nesting is ${MAX_MODEL_JSON_DEPTH}`);
  const format: 'layers-model' | 'graph-model' =
    json.format === 'graph-model' || json.modelTopology.node ? 'graph-model' : 'layers-model';
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw bad('weightsManifest must be an array of {paths, weights}');
  const root = await realpath(dirname(resolve(modelJsonPath)));
  const weightSpecs: WeightSpec[] = [];
  const shards: { path: string; size: number }[] = [];
  let declaredBytes = 0;
  for (const [g, group] of manifest.entries()) {
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw bad(`weightsManifest[${g}] needs "paths" and "weights" arrays`);
    let groupBytes = 0;
    for (const w of group.weights as WeightSpec[]) {
      if (!w || typeof w.name !== 'string' || !Array.isArray(w.shape)) throw bad(`weightsManifest[${g}] has a weight without name/shape`, { weight: w });
      const dtype = w.quantization?.dtype ?? w.dtype;
      const dtypeBytes = DTYPE_BYTES[dtype];
      if (!(w.dtype in DTYPE_BYTES) || !(dtype in DTYPE_BYTES) || dtypeBytes === undefined) {
        throw new ModelFileError('MODEL_UNKNOWN_DTYPE', `Weight "${w.name}" has dtype "${dtype}"; expected one of ${Object.keys(DTYPE_BYTES).join(', ')}`, { weight: w.name, dtype });
      }
      let count = 1;
      for (const d of w.shape) {
        if (!Number.isSafeInteger(d) || d < 0) throw bad(`Weight "${w.name}" has shape ${JSON.stringify(w.shape)}; dimensions must be non-negative integers`, { weight: w.name });
        count *= d;
        if (count * 4 > maxBytes) {
          throw new ModelFileError('MODEL_TOO_LARGE', `Weight "${w.name}" with shape ${JSON.stringify(w.shape)} needs more than the budget of ${maxBytes} bytes`, { weight: w.name, shape: w.shape, maxBytes });
        }
      }
      groupBytes += count * dtypeBytes;
      weightSpecs.push(w);
    }
    declaredBytes += groupBytes;
    if (declaredBytes > maxBytes) {
      throw new ModelFileError('MODEL_TOO_LARGE', `Weights need ${declaredBytes} bytes; the budget is ${maxBytes} bytes`, { declaredBytes, maxBytes });
    }
    let shardBytes = 0;
    for (const p of group.paths) {
      if (typeof p !== 'string' || p.length === 0 || isAbsolute(p) || /^[a-z][a-z0-9+.-]*:/i.test(p) || p.split(/[\\/]/).includes('..')) {
        throw new ModelFileError('MODEL_WEIGHT_PATH_ESCAPE', `Weight path ${JSON.stringify(p)} must be a relative path inside the model's folder`, { path: p });
      }
      const full = resolve(root, p);
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        throw new ModelFileError('MODEL_WEIGHTS_MISSING', `Weight shard ${p} is missing (looked for ${full})`, { path: p });
      }
      const rel = relative(root, real);
      if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') {
        throw new ModelFileError('MODEL_WEIGHT_PATH_ESCAPE', `Weight path ${p} resolves outside the model's folder (${real})`, { path: p });
      }
      const s = await stat(real);
      if (!s.isFile()) throw new ModelFileError('MODEL_WEIGHTS_MISSING', `Weight shard ${p} is not a file`, { path: p });
      shardBytes += s.size;
      shards.push({ path: real, size: s.size });
    }
    if (shardBytes !== groupBytes) {
      throw new ModelFileError(
        'MODEL_WEIGHTS_SIZE_MISMATCH',
        `weightsManifest[${g}] declares ${groupBytes} bytes of weights but its shards hold ${shardBytes} bytes${shardBytes < groupBytes ? ' (truncated?)' : ''}`,
        { group: g, declaredBytes: groupBytes, shardBytes },
      );
    }
  }
  const weightData = new ArrayBuffer(declaredBytes);
  const view = new Uint8Array(weightData);
  let offset = 0;
  for (const shard of shards) {
    const fh = await open(shard.path, 'r');
    try {
      const { bytesRead } = await fh.read(view, offset, shard.size, 0);
      if (bytesRead !== shard.size) throw new ModelFileError('MODEL_WEIGHTS_SIZE_MISMATCH', `Shard ${shard.path} changed while reading`, { path: shard.path });
    } finally {
      await fh.close();
    }
    offset += shard.size;
  }
  return { json, format, weightSpecs, weightData };
}
