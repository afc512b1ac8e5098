import type { Model } from '../model/Model';

/** One configuration of a method in a Captum reference file, with Captum's answers. */
export interface CaptumVariant {
  id: string;
  params: Record<string, unknown>;
  attributions: number[][];
  convergence_delta?: number[];
}

/** The shared Captum reference: its model, inputs and targets, and a reader for method case files. */
export interface CaptumReference {
  /** Five inputs `[5, 20]` as nested arrays. */
  inputs: number[][];
  /** One target per input. */
  targets: number[];
  /** The model's outputs in float64, `[5, 3]`. */
  outputs: number[][];
  /** Loads the reference model (Dense 20→32 tanh → 16 relu → 3 softmax); dispose it after use. */
  model(): Promise<Model>;
  /** The variants of a method's reference file (`saliency.json` …), read from `path`. */
  variants(path: string | URL): Promise<CaptumVariant[]>;
}

/** Where the reference lives: `fixtures/captum` of this package, from sources or from `dist`. */
async function referenceDir(): Promise<string> {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const here = import.meta.url;
  for (const relative of ['../fixtures/captum/', '../../fixtures/captum/']) {
    const dir = fileURLToPath(new URL(relative, here));
    if (existsSync(`${dir}inputs.json`)) return dir;
  }
  throw new Error(`The Captum reference of @glassbox/core (fixtures/captum) was not found next to ${here}`);
}

/**
 * The one Captum reference set of Glassbox (Node only): the model, inputs and targets Captum 0.8.0
 * explained in float64, shipped with this package in `fixtures/captum`. A plugin keeps Captum's
 * answers for its method next to its tests and compares with {@link peerAgreement}.
 *
 * @example
 * ```ts
 * const ref = await captumReference();
 * const model = await ref.model();
 * for (const v of await ref.variants(new URL('../fixtures/captum/saliency.json', import.meta.url))) {
 *   const e = await saliency(v.params).explain(model, ref.inputs, { target: ref.targets });
 *   expect(peerAgreement(e.attributions, v.attributions).ratio).toBeLessThanOrEqual(1);
 * }
 * ```
 */
export async function captumReference(): Promise<CaptumReference> {
  const { readFile } = await import('node:fs/promises');
  const dir = await referenceDir();
  const data = JSON.parse(await readFile(`${dir}inputs.json`, 'utf8')) as { inputs: number[][]; targets: number[]; f_x: number[][] };
  return {
    inputs: data.inputs,
    targets: data.targets,
    outputs: data.f_x,
    model: async () => (await import('../node/loadModel')).loadModel(`${dir}model/model.json`),
    variants: async (path) => (JSON.parse(await readFile(path, 'utf8')) as { variants: CaptumVariant[] }).variants,
  };
}
