import type { Explanation } from '@glassbox/core';
import { checkCsvColumns, surrogateTree, toRenderTree, type SurrogateTreeData } from '@glassbox/surrogate-tree';
import { renderTreeSvg } from '@glassbox/viz';
import { formatPercent } from './formatPercent';
import { loadTabularExample, type LoadedTabularExample } from './loadTabularExample';
import type { ModelMetadata } from './ModelMetadata';
import { readModelMetadata } from './readModelMetadata';
import type { TabularExample } from './TabularExample';

/** The loaded example with its model's metadata, the global surrogate and its picture. */
export interface GlobalSurrogate extends LoadedTabularExample {
  meta: ModelMetadata;
  surrogate: Explanation<'surrogate', SurrogateTreeData>;
  svg: string;
}

/**
 * Loads the example's committed model and CSV (checking the columns against the model), fits a
 * global surrogate tree of depth `maxDepth` to the model's decisions and draws it, titled
 * "Surrogate of `modelTitle` (depth d): fidelity f% on held-out `rowsName`". Dispose `model` when done.
 */
export async function fitGlobalSurrogate(example: TabularExample, maxDepth: number, words: { modelTitle: string; rowsName: string }): Promise<GlobalSurrogate> {
  const loaded = await loadTabularExample(example);
  checkCsvColumns(loaded.table, loaded.model, { file: example.dataCsv });
  const meta = await readModelMetadata(example.modelJson);
  const surrogate = await surrogateTree({ maxDepth }).explain(loaded.model, loaded.table);
  const data = surrogate.data!;
  const svg = renderTreeSvg(toRenderTree(data.tree), {
    title: `Surrogate of ${words.modelTitle} (depth ${maxDepth}): fidelity ${formatPercent(data.fidelity)} on held-out ${words.rowsName}`,
  });
  return { ...loaded, meta, surrogate, svg };
}
