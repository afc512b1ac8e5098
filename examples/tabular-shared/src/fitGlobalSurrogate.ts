import { checkCsvColumns, surrogateTree, toRenderTree } from '@glassbox/surrogate-tree';
import { renderTreeSvg } from '@glassbox/viz';
import { formatPercent } from './formatPercent';
import type { GlobalSurrogateReport } from './GlobalSurrogateReport';
import { loadTabularExample } from './loadTabularExample';
import type { ModelMetadata } from './ModelMetadata';
import { readModelMetadata } from './readModelMetadata';
import type { TabularExample } from './TabularExample';

/**
 * Loads the example's committed model and CSV (checking the columns against the model), fits a
 * global surrogate tree of depth `maxDepth` to the model's decisions and draws it, titled
 * "Surrogate of `modelTitle` (depth d): fidelity f% on held-out `rowsName`". Also gives the labels
 * and the model's metadata. Dispose `report.model` when done.
 */
export async function fitGlobalSurrogate(
  example: TabularExample,
  maxDepth: number,
  words: { modelTitle: string; rowsName: string },
): Promise<{ report: GlobalSurrogateReport; labels: Int32Array; meta: ModelMetadata }> {
  const { model, table, labels, train, test } = await loadTabularExample(example);
  checkCsvColumns(table, model, { file: example.dataCsv });
  const meta = await readModelMetadata(example.modelJson);
  const surrogate = await surrogateTree({ maxDepth }).explain(model, table);
  const data = surrogate.data!;
  const svg = renderTreeSvg(toRenderTree(data.tree), {
    title: `Surrogate of ${words.modelTitle} (depth ${maxDepth}): fidelity ${formatPercent(data.fidelity)} on held-out ${words.rowsName}`,
  });
  return { report: { model, table, split: { train, test }, heldOutAccuracy: meta.training.heldOutAccuracy, surrogate, svg }, labels, meta };
}
