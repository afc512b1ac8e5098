// Explains held-out MNIST digits with the committed "is it a 3?" MLP (saliency, SmoothGrad and
// integrated gradients, with deletion curves), writes one self-contained HTML report with
// @glassbox/viz's renderReport, opens it in headless Chromium with every network request refused,
// and screenshots it for the docs.
//   pnpm --filter @glassbox-examples/browser-demo report [-- --out report.html --screenshot docs/screenshots/report.png]
// Uses the built packages (run `pnpm build` first).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { useBackend, type Explanation } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { saliency, smoothGrad } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { deletion } from '@glassbox/metrics';
import { renderReport } from '@glassbox/viz';
import { MODELS_SOURCE } from './copyModels';

const demoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: args } = parseArgs({
  // pnpm 12 hands a `--` separator on to the script: skip it.
  args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--')),
  options: {
    out: { type: 'string', default: join(demoRoot, 'test-results', 'mnist-report.html') },
    screenshot: { type: 'string', default: join(demoRoot, '..', '..', 'docs', 'screenshots', 'report.png') },
    chromium: { type: 'string', default: process.env.GLASSBOX_CHROMIUM ?? '/usr/bin/chromium' },
  },
});

// Two held-out 3s, an 8 and a 5 (the digits an "is it a 3?" model confuses most), by index in the
// `mnist` package; examples/mnist trains on the first 80% of each digit's samples.
const mnist = createRequire(import.meta.url)('mnist') as { length: number; get(i: number): number[] }[];
const picks: [number, number][] = [[3, 0], [3, 1], [8, 0], [5, 0]];
const inputs = new Float32Array(picks.length * 784);
picks.forEach(([d, k], i) => inputs.set(mnist[d]!.get(Math.floor(mnist[d]!.length * 0.8) + k), i * 784));
const batch = { values: inputs, shape: [picks.length, 784] };

await useBackend('cpu');
const model = await loadModel(join(MODELS_SOURCE, 'mlp', 'model.json'));
const explanations: Explanation[] = [];
try {
  const labels = { classes: ['P(3)'] };
  for (const explainer of [saliency(), smoothGrad({ samples: 32, noiseLevel: 0.15 }), integratedGradients({ steps: 50 })]) {
    const e = await explainer.explain(model, batch, { target: 0, seed: 1, labels });
    const curve = await deletion(e, model, { steps: 20, baseline: 0 });
    e.metrics['deletion AUC (lower is better)'] = curve.auc;
    e.metrics['deletion curve: P(3) as top pixels are removed'] = curve.curves;
    explanations.push(e);
    console.log(`${e.method}: ${e.timing.durationMs.toFixed(0)} ms on ${e.backend}; deletion AUC ${curve.auc.map((a) => a.toFixed(3)).join(', ')}`);
  }
} finally {
  model.dispose?.();
}

const html = renderReport(explanations, {
  title: 'MNIST "is it a 3?" MLP: saliency, SmoothGrad and integrated gradients on held-out digits',
  imageShape: [28, 28],
});
const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`wrote ${out} (${(html.length / 1024).toFixed(0)} KiB)`);

// View it offline: any request that is not the file itself is refused and counted.
const browser = await chromium.launch({ executablePath: args.chromium, args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1240, height: 1500 }, deviceScaleFactor: 1 });
  const url = pathToFileURL(out).href;
  const refused: string[] = [];
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : (refused.push(route.request().url()), route.abort())));
  await page.goto(url);
  const images = await page.evaluate(() => [...document.images].map((img) => img.complete && img.naturalWidth > 0));
  if (refused.length > 0) throw new Error(`The report asked the network for ${refused.join(', ')}`);
  if (images.length === 0 || images.some((ok) => !ok)) throw new Error(`Report pictures failed to load: ${images.filter((ok) => !ok).length} of ${images.length}`);
  const shot = resolve(args.screenshot);
  mkdirSync(dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  console.log(`screenshot ${shot}: ${images.length} inline pictures, no network requests`);
} finally {
  await browser.close();
}
