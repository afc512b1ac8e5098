import { fileURLToPath } from 'node:url';
import type { Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { asImageModel } from './imageModel';

/** The committed MNIST "is this digit a 3?" MLP of examples/mnist (found from src/ or dist/ alike). */
export const MNIST_MLP = fileURLToPath(new URL('../../mnist/models/mlp/model.json', import.meta.url));

/** Loads it and views its 784 flat inputs as 28×28×1 images. Dispose it when done. */
export async function loadMnistModel(): Promise<Model> {
  return asImageModel(await loadModel(MNIST_MLP), [28, 28, 1]);
}
