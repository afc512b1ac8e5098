/** The `userDefinedMetadata.glassbox` that `trainTabularMlp` saves with an example's model. */
export interface ModelMetadata {
  classNames: string[];
  featureNames: string[];
  scaler: { mean: number[]; std: number[]; note: string };
  training: { rows: number; heldOutRows: number; splitSeed: number; epochs: number; trainAccuracy: number; heldOutAccuracy: number };
}
