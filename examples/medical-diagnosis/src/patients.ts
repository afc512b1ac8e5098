import type { CsvTable } from '@glassbox/surrogate-tree';
import { loadLabelledTable, tabularPaths, type TabularExample } from '@glassbox-examples/tabular';

/** The committed data, model and outputs (paths work from src/ and dist/ alike). */
const paths = tabularPaths(import.meta.url, 'breast_cancer.csv');
export const DATA_CSV = paths.dataCsv;
export const MODEL_JSON = paths.modelJson;
export const MODEL_DIR = paths.modelDir;
export const OUT_DIR = paths.outDir;
export const RESULTS_DIR = paths.resultsDir;

/** Output order of the model. */
export const CLASS_NAMES = ['benign', 'malignant'];
/** Seed of the stratified train/held-out split shared by training, the test and the scripts. */
export const SPLIT_SEED = 7;

/** The medical-diagnosis example: breast-cancer patients, 20% of each diagnosis held out. */
export const MEDICAL_DIAGNOSIS: TabularExample = {
  dataCsv: DATA_CSV,
  labelColumn: 'diagnosis',
  classNames: CLASS_NAMES,
  modelJson: MODEL_JSON,
  splitSeed: SPLIT_SEED,
  testFraction: 0.2,
};

/** The 569 patients: 30 measurements each, and the diagnosis as 0 (benign) / 1 (malignant). */
export function loadPatients(): Promise<{ table: CsvTable; labels: Int32Array }> {
  return loadLabelledTable(MEDICAL_DIAGNOSIS);
}
