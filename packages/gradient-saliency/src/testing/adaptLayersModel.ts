import type * as tfl from '@tensorflow/tfjs-layers';
import { fromLayersModel, type LayersModelLike, type Model } from '@glassbox/core';

/** A Layers model as a Glassbox model that disposes its weights. */
export function adaptLayersModel(m: tfl.LayersModel): Model {
  return { ...fromLayersModel(m as unknown as LayersModelLike), dispose: () => m.dispose() };
}
