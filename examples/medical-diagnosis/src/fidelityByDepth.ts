// Held-out fidelity of the global surrogate at depths 3, 5 and 8, over 10 seeds (held-out splits),
// with the default options, with leaves down to one patient, and with perturbed copies of the rows.
// Run: pnpm --filter @glassbox-examples/medical-diagnosis fidelity   (writes results/fidelity-by-depth.json)
import { fidelityByDepth } from '@glassbox-examples/tabular';
import { MEDICAL_DIAGNOSIS, RESULTS_DIR } from './patients';

await fidelityByDepth({ name: 'medical-diagnosis', example: MEDICAL_DIAGNOSIS, rowsName: 'patients', resultsDir: RESULTS_DIR });
