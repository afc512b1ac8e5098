import type { CsvTable } from '@glassbox/surrogate-tree';
import { loadLabelledTable, tabularPaths, type TabularExample } from '@glassbox-examples/tabular';

/** The committed data, model and outputs (paths work from src/ and dist/ alike). */
const paths = tabularPaths(import.meta.url, 'german_credit.csv');
export const DATA_CSV = paths.dataCsv;
export const MODEL_JSON = paths.modelJson;
export const MODEL_DIR = paths.modelDir;
export const OUT_DIR = paths.outDir;
export const RESULTS_DIR = paths.resultsDir;

/** Output order of the model: index 1 is the risk the bank declines. */
export const CLASS_NAMES = ['good', 'bad'];
/** Seed of the stratified train/held-out split shared by training, the test and the scripts. */
export const SPLIT_SEED = 11;

/** The credit-risk example: German credit applicants, 20% of each risk class held out. */
export const CREDIT_RISK: TabularExample = {
  dataCsv: DATA_CSV,
  labelColumn: 'Class',
  classNames: CLASS_NAMES,
  modelJson: MODEL_JSON,
  splitSeed: SPLIT_SEED,
  testFraction: 0.2,
};

/** The 1,000 applicants: 61 features each, and the risk as 0 (good) / 1 (bad). */
export function loadApplicants(): Promise<{ table: CsvTable; labels: Int32Array }> {
  return loadLabelledTable(CREDIT_RISK);
}
