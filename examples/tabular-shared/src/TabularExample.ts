/** What a tabular example is made of: its labelled CSV, its committed model and its seeded split. */
export interface TabularExample {
  /** The labelled CSV. */
  dataCsv: string;
  /** The column holding each row's class. */
  labelColumn: string;
  /** The model's output order; a label is its (case-insensitive) name's index here. */
  classNames: string[];
  /** The committed model (model.json). */
  modelJson: string;
  /** Seed of the stratified train/held-out split shared by training, the tests and the scripts. */
  splitSeed: number;
  /** The fraction of each class held out. */
  testFraction: number;
}
