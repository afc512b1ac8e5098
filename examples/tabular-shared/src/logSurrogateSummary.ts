import type { SurrogateTreeData } from '@glassbox/surrogate-tree';
import { formatPercent as pct } from './formatPercent';

/**
 * Logs the model's held-out accuracy, the surrogate's size, its held-out fidelity against the
 * majority class, and its rules: "fitted to the model's `fittedTo` N `rowsName`".
 */
export function logSurrogateSummary(
  model: { name: string; heldOutAccuracy: number },
  d: SurrogateTreeData,
  words: { rowsName: string; fittedTo: string },
): void {
  const { rowsName } = words;
  console.log(`Model "${model.name}": ${pct(model.heldOutAccuracy)} accurate on held-out ${rowsName}.\n`);
  console.log(`Global surrogate: a depth-${d.depth} tree with ${d.leaves} leaves, fitted to the model's ${words.fittedTo} ${d.trainRows} ${rowsName}.`);
  console.log(`Fidelity: it agrees with the model on ${pct(d.fidelity)} of ${d.heldOutRows} held-out ${rowsName} (always answering the majority class: ${pct(d.majorityFidelity!)}).\n`);
  console.log('Rules:');
  for (const rule of d.rules) console.log(`  ${rule.text}`);
}
