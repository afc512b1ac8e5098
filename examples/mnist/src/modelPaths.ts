import { fileURLToPath } from 'node:url';

/** The committed models, found from this file (src/ or dist/ alike). */
export const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));
export const MLP_MODEL = `${MODELS_DIR}mlp/model.json`;
export const CNN_MODEL = `${MODELS_DIR}cnn/model.json`;
