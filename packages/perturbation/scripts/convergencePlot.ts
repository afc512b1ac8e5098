// KernelSHAP error against exact Shapley values as the coalition budget grows, on a seeded
// 12-feature MLP (12 → 16 tanh → 3 softmax) with 4 background rows: 4 examples × 5 seeds per budget.
// Run from the repo root: node --import tsx packages/perturbation/scripts/convergencePlot.ts
// Prints the table and writes docs/kernel-shap-convergence.svg.
import '@tensorflow/tfjs-backend-cpu';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { kernelShap } from '../src/kernelShap';
import { exactShapley } from '../src/exactShapley';

const M = 12;
const budgets = [16, 32, 64, 128, 256, 512, 1024, 2048, 4094];
const seeds = [1, 2, 3, 4, 5];
const model = createTinyMlp({ inputs: M, hidden: 16, outputs: 3, seed: 12 });
const x = randomInputs(4, [M], 51) as number[][];
const bg = randomInputs(4, [M], 52) as number[][];
const exact = await Promise.all(x.map((row) => exactShapley(model, row, bg, 1)));
const rows: { samples: number; error: number }[] = [];
for (const samples of budgets) {
  let sum = 0;
  for (const seed of seeds) {
    const e = await kernelShap({ background: bg as never, samples }).explain(model, x, { target: 1, seed });
    // Relative L2 error per example, averaged.
    for (let i = 0; i < x.length; i++) {
      let d = 0, n = 0;
      for (let j = 0; j < M; j++) (d += (e.attributions[i * M + j]! - exact[i]![j]!) ** 2), (n += exact[i]![j]! ** 2);
      sum += Math.sqrt(d / n) / (x.length * seeds.length);
    }
  }
  rows.push({ samples, error: sum });
  console.log(`samples ${String(samples).padStart(5)}  mean relative L2 error ${sum.toExponential(3)}${samples >= 2 ** M - 2 ? '  (all coalitions: exact)' : ''}`);
}
model.dispose?.();

// A log-log SVG: error against samples, with the Monte Carlo rate 1/√samples for reference.
const W = 520, H = 320, L = 64, R = 16, T = 36, B = 48;
const lx = (s: number) => L + ((Math.log2(s) - 4) / (Math.log2(4096) - 4)) * (W - L - R);
const finite = rows.filter((r) => r.error > 0);
const yMin = Math.floor(Math.log10(Math.min(...finite.map((r) => r.error), 1e-7))), yMax = Math.ceil(Math.log10(Math.max(...finite.map((r) => r.error))));
const ly = (e: number) => T + ((yMax - Math.log10(Math.max(e, 10 ** yMin))) / (yMax - yMin)) * (H - T - B);
const path = (pts: [number, number][]) => pts.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
const ref = budgets.slice(0, -1).map((s) => [lx(s), ly(rows[0]!.error * Math.sqrt(budgets[0]! / s))] as [number, number]);
const svg = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  `<rect width="${W}" height="${H}" fill="white"/>`,
  `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">KernelSHAP vs exact Shapley values (12 features, 4 examples × 5 seeds)</text>`,
  ...budgets.map((s) => `<line x1="${lx(s)}" x2="${lx(s)}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${lx(s)}" y="${H - B + 14}" text-anchor="middle">${s}</text>`),
  ...Array.from({ length: yMax - yMin + 1 }, (_, k) => yMin + k).map((p) => `<line x1="${L}" x2="${W - R}" y1="${ly(10 ** p)}" y2="${ly(10 ** p)}" stroke="#eee"/><text x="${L - 6}" y="${ly(10 ** p) + 4}" text-anchor="end">1e${p}</text>`),
  `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">coalitions per example (samples, log scale; 4094 = all)</text>`,
  `<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">mean relative L2 error (log)</text>`,
  `<path d="${path(ref)}" fill="none" stroke="#999" stroke-dasharray="5 4"/>`,
  `<text x="${lx(budgets[budgets.length - 2]!) - 4}" y="${ref[ref.length - 1]![1] - 6}" text-anchor="end" fill="#777">∝ 1/√samples</text>`,
  `<path d="${path(rows.map((r) => [lx(r.samples), ly(r.error)]))}" fill="none" stroke="#0072B2" stroke-width="2"/>`,
  ...rows.map((r) => `<circle cx="${lx(r.samples)}" cy="${ly(r.error)}" r="3.5" fill="#0072B2"><title>${r.samples}: ${r.error.toExponential(2)}</title></circle>`),
  `</svg>`,
].join('\n');
const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/kernel-shap-convergence.svg');
writeFileSync(out, svg + '\n');
console.log(`wrote ${out}`);
