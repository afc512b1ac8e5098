import { fileURLToPath } from 'node:url';

/** An example's committed data, model and outputs, from a module one folder below its root (src/ or dist/ alike). */
export function tabularPaths(moduleUrl: string, csvName: string): { dataCsv: string; modelJson: string; modelDir: string; outDir: string; resultsDir: string } {
  const at = (path: string) => fileURLToPath(new URL(path, moduleUrl));
  return { dataCsv: at(`../data/${csvName}`), modelJson: at('../model/model.json'), modelDir: at('../model/'), outDir: at('../out/'), resultsDir: at('../results/') };
}
