import type { ExampleId } from './hashId';

/** One example read from a dataset file. */
export interface Example {
  id: ExampleId;
  /** Flat input values (the model's per-example input size). */
  values: Float32Array;
  /** Output index to explain, when the record names one. */
  target?: number;
}

/** Where the examples come from: a JSONL file (`--input x.jsonl`), a CSV (`--data x.csv`) or a folder of PNG images (`--input dir/`). */
export type ExampleSource =
  | { kind: 'jsonl'; path: string }
  | { kind: 'csv'; path: string; idColumn?: string; labelColumn?: string }
  | { kind: 'images'; path: string };
