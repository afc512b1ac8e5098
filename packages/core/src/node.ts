export { loadLayersModel, loadGraphModel, loadModel } from './node/loadModel';
export { saveLayersModel, type GlassboxModelMetadata } from './node/saveLayersModel';
export { readModelArtifacts, type ModelArtifactsOnDisk, type ReadModelOptions } from './node/readModelArtifacts';
export { readInputsFile } from './node/readInputsFile';
export { readCsv } from './node/readCsv';
