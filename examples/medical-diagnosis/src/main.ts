// Explains the committed diagnosis model: a global surrogate tree (rules, fidelity, SVG) and
// integrated gradients for one patient. Run: pnpm --filter @glassbox-examples/medical-diagnosis demo
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPercent as pct, logSurrogateSummary, spreadSample } from '@glassbox-examples/tabular';
import { explainDiagnosis } from './explainDiagnosis';
import { OUT_DIR } from './patients';
import { shapDiagnosis } from './shapDiagnosis';

const r = await explainDiagnosis(3);
const d = r.surrogate.data!;
logSurrogateSummary({ name: r.model.name, heldOutAccuracy: r.heldOutAccuracy }, d, { rowsName: 'patients', fittedTo: 'diagnoses of' });
console.log(`\nTree:\n${d.text}\n`);
console.log(`Most used features: ${d.importances.filter((f) => f.importance > 0).map((f) => `${f.feature} ${pct(f.importance)}`).join(', ')}`);
await mkdir(OUT_DIR, { recursive: true });
await writeFile(join(OUT_DIR, 'surrogate-tree.svg'), r.svg);
await writeFile(join(OUT_DIR, 'surrogate-tree.json'), JSON.stringify(d, null, 1));
console.log(`wrote ${join(OUT_DIR, 'surrogate-tree.svg')} and surrogate-tree.json\n`);

const pt = r.patient;
console.log(`Integrated gradients for the patient on line ${pt.line} of the CSV (diagnosis: ${pt.diagnosis}).`);
console.log(`P(malignant) = ${pt.pMalignant.toFixed(3)}; for the average training patient (the baseline) ${pt.pMalignantAtBaseline.toFixed(3)}.`);
console.log('Largest contributions to P(malignant), value (baseline):');
for (const f of pt.attributions.slice(0, 8)) {
  console.log(`  ${f.attribution >= 0 ? '+' : '−'}${Math.abs(f.attribution).toFixed(4)}  ${f.feature} = ${Number(f.value.toPrecision(4))} (${Number(f.baseline.toPrecision(4))})`);
}
console.log(`Completeness: the ${pt.attributions.length} attributions sum to f(x) − f(baseline) within ${pt.convergenceDelta.toExponential(2)}.`);

const { train, test } = r.split;
const shap = await shapDiagnosis(r.model, r.table, [pt.index, ...test.filter((i) => i !== pt.index).slice(0, 59)], spreadSample(train, 20)); // spread over the (class-ordered) training split
console.log(`\nKernelSHAP (30 measurements, 20 training patients as background): E[P(malignant)] = ${shap.baseValue.toFixed(3)}; additivity error ≤ ${shap.maxAdditivityError.toExponential(1)}.`);
await writeFile(join(OUT_DIR, 'shap-patient.svg'), shap.forceSvg);
await writeFile(join(OUT_DIR, 'shap-beeswarm.svg'), shap.beeswarmSvg);
console.log(`wrote shap-patient.svg and shap-beeswarm.svg to ${OUT_DIR}`);
r.model.dispose?.();
