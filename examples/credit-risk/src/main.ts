// Explains the committed credit-risk model: a global surrogate tree (rules, fidelity, SVG), and for
// one rejected applicant integrated gradients and a local surrogate tree.
// Run: pnpm --filter @glassbox-examples/credit-risk demo
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPercent as pct, logSurrogateSummary, spreadSample } from '@glassbox-examples/tabular';
import { explainCredit } from './explainCredit';
import { OUT_DIR } from './applicants';
import { shapCredit } from './shapCredit';

const r = await explainCredit(3);
const d = r.surrogate.data!;
logSurrogateSummary({ name: r.model.name, heldOutAccuracy: r.heldOutAccuracy }, d, { rowsName: 'applicants', fittedTo: 'decisions on' });
console.log(`\nMost used features: ${d.importances.filter((f) => f.importance > 0).map((f) => `${f.feature} ${pct(f.importance)}`).join(', ')}`);
await mkdir(OUT_DIR, { recursive: true });
await writeFile(join(OUT_DIR, 'surrogate-tree.svg'), r.svg);
await writeFile(join(OUT_DIR, 'surrogate-tree.json'), JSON.stringify(d, null, 1));

const a = r.applicant;
console.log(`\nRejected applicant: line ${a.line} of the CSV (recorded outcome: ${a.outcome}); the model gives P(bad) = ${a.pBad.toFixed(3)}.`);
console.log(`Integrated gradients from the average training applicant (P(bad) = ${a.pBadAtBaseline.toFixed(3)}), largest contributions to P(bad):`);
for (const f of a.attributions.slice(0, 8)) {
  console.log(`  ${f.attribution >= 0 ? '+' : '−'}${Math.abs(f.attribution).toFixed(4)}  ${f.feature} = ${Number(f.value.toPrecision(5))} (average ${Number(f.baseline.toPrecision(3))})`);
}
console.log(`Completeness: the attributions sum to f(x) − f(baseline) within ${a.convergenceDelta.toExponential(2)}.`);
const l = a.local;
console.log(`\nLocal surrogate (${l.samples} perturbed neighbours, weighted by proximity): fidelity ${pct(l.fidelity)} on ${l.heldOutSamples} held-out neighbours.`);
console.log(`Why rejected: ${l.rule}`);
for (const s of l.path) console.log(`  ${s.condition.padEnd(40)} (applicant: ${Number(s.value.toPrecision(5))})  ${l.scoreName} ${s.contribution >= 0 ? '+' : '−'}${Math.abs(s.contribution).toFixed(3)}`);
console.log(`  ${l.scoreName}: ${l.rootScore.toFixed(3)} over all neighbours → ${l.leafScore.toFixed(3)} in the applicant's leaf`);
await writeFile(join(OUT_DIR, 'local-surrogate.svg'), a.localSvg);
const { train, test } = r.split;
const shap = await shapCredit(r.model, r.table, [a.index, ...test.filter((i) => i !== a.index).slice(0, 59)], spreadSample(train, 20)); // spread over the (class-ordered) training split
console.log(`\nKernelSHAP over the 20 attributes (one-hot columns grouped), 20 training applicants as background: E[P(bad)] = ${shap.baseValue.toFixed(3)}.`);
console.log(`For the rejected applicant: ${shap.attributes.map((f, j) => [f, shap.values[0]![j]!] as const).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).slice(0, 5).map(([f, v]) => `${f} ${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`).join(', ')}; additivity error ≤ ${shap.maxAdditivityError.toExponential(1)}.`);
await writeFile(join(OUT_DIR, 'shap-applicant.svg'), shap.forceSvg);
await writeFile(join(OUT_DIR, 'shap-beeswarm.svg'), shap.beeswarmSvg);
console.log(`\nwrote surrogate-tree.svg, surrogate-tree.json, local-surrogate.svg, shap-applicant.svg and shap-beeswarm.svg to ${OUT_DIR}`);
r.model.dispose?.();
