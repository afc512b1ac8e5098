// Trains the diagnosis MLP on 80% of the patients (stratified, seeded) and commits it to model/.
// Run: pnpm --filter @glassbox-examples/medical-diagnosis train
import { trainTabularMlp } from '@glassbox-examples/tabular';
import { MEDICAL_DIAGNOSIS, MODEL_DIR } from './patients';

// The network: a frozen standardisation layer, then 30 → 16 ReLU → 2 softmax.
await trainTabularMlp({
  example: MEDICAL_DIAGNOSIS,
  modelDir: MODEL_DIR,
  rowsName: 'patients',
  network: { name: 'breast-cancer-mlp', outputName: 'diagnosis' },
  epochs: 60,
  learningRate: 0.005,
});
