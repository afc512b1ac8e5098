import { CPU_MEMORY_BUDGET } from '../tensor/defaultMemoryBudget';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendProvider } from './BackendProvider';

/** tfjs's pure-JavaScript backend: always available, the reference every other backend is checked against. */
export const cpuBackend: BackendProvider = {
  name: 'cpu',
  priority: 0,
  description: 'pure JavaScript (reference)',
  preferredMemoryBudgetBytes: CPU_MEMORY_BUDGET,
  async init() {},
};
