import type { RunSpec } from '../dataset/RunSpec';
import type { ResultsHeader } from '../dataset/ResultRecord';

/** What `queue submit` stores for a run: how to explain it, and how many examples it has. */
export interface QueuedRun {
  spec: RunSpec;
  header: ResultsHeader;
  /** Examples submitted (collect checks that this many results exist). */
  total: number;
  /** sha256 of model.json, checked by every worker (all must load the same model). */
  modelSha256: string;
}

/** One BullMQ job: a batch of a run's examples (values base64 float32). */
export interface QueueJobData {
  run: string;
  ids: (string | number)[];
  values: string;
  targets: (number | null)[];
}
