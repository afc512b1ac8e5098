// MobileNetV2 benchmark: Glassbox (CLI, whole process) per backend next to a PyTorch peer on the same
// model and weights (bench/peers/keras_torch_peer.py rebuilds the Keras graph in torch), in one run.
//   node packages/backend-native/bench/mobilenet.bench.mjs [cpu wasm native]
// Cases: saliency on 8 photos (the 2 fixture photos, their mirror images and two dimmed copies) and
// integrated gradients (50 Gauss–Legendre steps, zero baseline) on the 2 photos, target 2 ("Neutral").
// Per run: whole-process wall seconds and peak resident set (/usr/bin/time), and the in-process
// seconds (Glassbox: the explanation's own timing, as the CLI prints it; peer: the autograd call).
// Integrated gradients on cpu and wasm take tens of minutes on a 2-core machine: they run only with
// GLASSBOX_BENCH_SLOW=1. Writes bench/results/mobilenet.json and prints the table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const backends = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (backends.length === 0) backends.push('native');
const slow = process.env.GLASSBOX_BENCH_SLOW === '1';
const python = process.env.GLASSBOX_BENCH_PYTHON ?? '/usr/bin/python3';
const model = join(root, 'examples/image-classification/models/mobilenet_v2/model.json');
const peerScript = join(root, 'bench/peers/keras_torch_peer.py');
const tmp = mkdtempSync(join(tmpdir(), 'glassbox-mobilenet-'));

// ---- inputs ----
const raw = readFileSync(join(root, 'bench/fixtures/mobilenet-photos.f32'));
const photos = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const per = 224 * 224 * 3;
const nested = (v) => Array.from({ length: 224 }, (_, h) => Array.from({ length: 224 }, (_, w) => Array.from(v.subarray((h * 224 + w) * 3, (h * 224 + w) * 3 + 3))));
const mirror = (v) => {
  const o = new Float32Array(per);
  for (let h = 0; h < 224; h++) for (let w = 0; w < 224; w++) for (let c = 0; c < 3; c++) o[(h * 224 + w) * 3 + c] = v[(h * 224 + 223 - w) * 3 + c];
  return o;
};
const scaled = (v, s) => v.map((x) => x * s);
const p = [photos.subarray(0, per), photos.subarray(per, 2 * per)];
const eight = [p[0], p[1], mirror(p[0]), mirror(p[1]), scaled(p[0], 0.8), scaled(p[1], 0.8), scaled(mirror(p[0]), 0.6), scaled(mirror(p[1]), 0.6)];
const files = { 8: join(tmp, 'photos8.json'), 2: join(tmp, 'photos2.json') };
writeFileSync(files[8], JSON.stringify(eight.map(nested)));
writeFileSync(files[2], JSON.stringify(p.map(nested)));

const cases = [
  { name: 'saliency', examples: 8, cli: ['--method', 'saliency'], peer: ['--method', 'saliency'] },
  { name: 'integrated-gradients-50', examples: 2, cli: ['--method', 'integrated-gradients', '--steps', '50'], peer: ['--method', 'ig', '--steps', '50'] },
];

/** Runs a command under /usr/bin/time; wall seconds, peak RSS and output. */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'GBTIME %e %M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /GBTIME ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-800)}`);
  return { wallSeconds: Number(m[1]), peakRssMiB: Number(m[2]) / 1024, stdout: r.stdout, stderr: r.stderr };
}

const rows = [];
for (const c of cases) {
  const input = files[c.examples];
  const peer = timed(python, [peerScript, '--model', model, '--input', input, '--target', '2', '--threads', '2', '--out', join(tmp, 'peer.json'), ...c.peer]);
  const peerInfo = JSON.parse(peer.stdout.trim().split('\n').pop());
  rows.push({ case: c.name, examples: c.examples, side: `pytorch ${peerInfo.torch} (${peerInfo.threads} threads)`, wallSeconds: peer.wallSeconds, inProcessSeconds: peerInfo.computeSeconds, peakRssMiB: peer.peakRssMiB });
  console.log(JSON.stringify(rows.at(-1)));
  for (const b of backends) {
    if (c.name !== 'saliency' && b !== 'native' && !slow) {
      rows.push({ case: c.name, examples: c.examples, side: `glassbox ${b}`, skipped: 'set GLASSBOX_BENCH_SLOW=1 (tens of minutes)' });
      continue;
    }
    const out = join(tmp, `${b}.json`);
    const r = timed('node', [join(root, 'packages/cli/bin/glassbox.js'), 'explain', '--model', model, '--input', input, '--target', '2', '--backend', b, '--memory-budget-mb', '2048', '--out', out, ...c.cli]);
    const ms = /in (\d+) ms/.exec(r.stderr);
    const onBackend = /on (\S+):/.exec(r.stderr)?.[1];
    const row = {
      case: c.name, examples: c.examples, side: `glassbox ${onBackend ?? b}`, wallSeconds: r.wallSeconds, inProcessSeconds: ms ? Number(ms[1]) / 1000 : null, peakRssMiB: r.peakRssMiB,
    };
    row.speedWholeProcess = peer.wallSeconds / row.wallSeconds;
    row.speedInProcess = row.inProcessSeconds ? peerInfo.computeSeconds / row.inProcessSeconds : null;
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
rmSync(tmp, { recursive: true, force: true });

const f = (v, d = 2) => (typeof v === 'number' ? v.toFixed(d) : '—');
console.log('\n| case | side | whole process s | in-process s | peak RSS MiB | speed (peer/glassbox) whole / in-process |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(r.skipped ? `| ${r.case} (${r.examples}) | ${r.side} | skipped: ${r.skipped} | | | |`
    : `| ${r.case} (${r.examples}) | ${r.side} | ${f(r.wallSeconds)} | ${f(r.inProcessSeconds)} | ${f(r.peakRssMiB, 0)} | ${r.speedWholeProcess ? `${f(r.speedWholeProcess)}× / ${f(r.speedInProcess)}×` : 'peer'} |`);
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/mobilenet.json'), JSON.stringify({ benchmark: 'mobilenet_v2', generatedAt: new Date().toISOString(), node: process.version, model: 'nsfwjs@4.4.0 MobileNetV2 (examples/image-classification/models/mobilenet_v2)', rows }, null, 2));
if (!existsSync(join(root, 'bench/results/mobilenet.json'))) process.exit(1);
