// Held-out fidelity of the global surrogate at depths 3, 5 and 8, over 10 seeds (held-out splits),
// with the default options, with leaves down to one applicant, and with perturbed copies of the rows.
// Run: pnpm --filter @glassbox-examples/credit-risk fidelity   (writes results/fidelity-by-depth.json)
import { fidelityByDepth } from '@glassbox-examples/tabular';
import { CREDIT_RISK, RESULTS_DIR } from './applicants';

await fidelityByDepth({ name: 'credit-risk', example: CREDIT_RISK, rowsName: 'applicants', resultsDir: RESULTS_DIR });
