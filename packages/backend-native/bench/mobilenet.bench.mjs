// Real-model benchmark: Glassbox (CLI, whole process) per backend next to a PyTorch peer on the same
// model and weights (bench/peers/keras_torch_peer.py rebuilds the Keras graph in torch), in one run.
//   node packages/backend-native/bench/mobilenet.bench.mjs [cpu wasm native]
// Models and cases:
// - MobileNetV2 (nsfwjs@4.4.0, 224×224×3): saliency on 8 photos (the 2 fixture photos, their mirror
//   images and dimmed copies) and integrated gradients (50 Gauss–Legendre steps, zero baseline) on
//   the 2 photos, target 2 ("Neutral").
// - The MNIST MLP (784-64-64-1) and CNN of examples/mnist: integrated gradients, 50 steps, on 64
//   held-out digits of the `mnist` package, target 0.
// Both sides read the same .npy inputs and write .npy attributions, which are compared (max |Δ| /
// max |attribution|). Per run: whole-process wall seconds and peak resident set (/usr/bin/time), and
// in-process seconds (Glassbox: the explanation's own timing, as the CLI prints it; peer: the
// autograd call), each the median of GLASSBOX_BENCH_REPEAT rounds (default 3; the order of the sides
// rotates every round). MobileNetV2 integrated gradients on cpu take tens of minutes on a 2-core
// machine: they run only with GLASSBOX_BENCH_SLOW=1. Writes bench/results/mobilenet.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eightPhotos, stack, twoPhotos } from '../../../bench/support/mobilenetPhotos.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const backends = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (backends.length === 0) backends.push('native');
const slow = process.env.GLASSBOX_BENCH_SLOW === '1';
const repeat = Math.max(1, Number(process.env.GLASSBOX_BENCH_REPEAT ?? 3));
const python = process.env.GLASSBOX_BENCH_PYTHON ?? '/usr/bin/python3';
const peerScript = join(root, 'bench/peers/keras_torch_peer.py');
const tmp = mkdtempSync(join(tmpdir(), 'glassbox-models-'));

/** A float32 .npy file (NumPy format 1.0). */
function writeNpy(path, values, shape) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]));
}
function readNpy(path) {
  const b = readFileSync(path);
  const len = b.readUInt16LE(8);
  return new Float32Array(b.buffer.slice(b.byteOffset + 10 + len, b.byteOffset + b.byteLength));
}

// ---- inputs ----
const raw = readFileSync(join(root, 'bench/fixtures/mobilenet-photos.f32'));
const photos = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
// The same photos as the browser benchmark (examples/browser-demo/scripts/benchMobilenet.ts).
const p = twoPhotos(photos);
const eight = eightPhotos(photos);
writeNpy(join(tmp, 'photos8.npy'), stack(eight), [8, 224, 224, 3]);
writeNpy(join(tmp, 'photos2.npy'), stack(p), [2, 224, 224, 3]);
// 64 held-out digits (the last 20% of each class in the `mnist` package), interleaved by class.
const mnist = createRequire(join(root, 'examples/mnist/package.json'))('mnist');
const digits = [];
for (let i = 0; digits.length < 64; i++) for (let d = 0; d < 10 && digits.length < 64; d++) digits.push(Float32Array.from(mnist[d].get(Math.floor(mnist[d].length * 0.8) + i)));
writeNpy(join(tmp, 'digits64-flat.npy'), stack(digits), [64, 784]);
writeNpy(join(tmp, 'digits64.npy'), stack(digits), [64, 28, 28, 1]);

const mobilenet = join(root, 'examples/image-classification/models/mobilenet_v2/model.json');
const ig = { cli: ['--method', 'integrated-gradients', '--steps', '50'], peer: ['--method', 'ig', '--steps', '50'] };
const cases = [
  { model: 'MobileNetV2', path: mobilenet, name: 'saliency', examples: 8, input: 'photos8.npy', target: 2, cli: ['--method', 'saliency'], peer: ['--method', 'saliency'] },
  { model: 'MobileNetV2', path: mobilenet, name: 'integrated-gradients-50', examples: 2, input: 'photos2.npy', target: 2, slowOff: ['cpu'], ...ig },
  { model: 'MNIST MLP', path: join(root, 'examples/mnist/models/mlp/model.json'), name: 'integrated-gradients-50', examples: 64, input: 'digits64-flat.npy', target: 0, ...ig },
  { model: 'MNIST CNN', path: join(root, 'examples/mnist/models/cnn/model.json'), name: 'integrated-gradients-50', examples: 64, input: 'digits64.npy', target: 0, ...ig },
];

/** Runs a command under /usr/bin/time; wall seconds, peak RSS and output. */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'GBTIME %e %M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /GBTIME ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-800)}`);
  return { wallSeconds: Number(m[1]), peakRssMiB: Number(m[2]) / 1024, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((p, q) => p - q);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : null;
};
const rows = [];
for (const c of cases) {
  const input = join(tmp, c.input);
  const base = { model: c.model, case: c.name, examples: c.examples };
  const sides = new Map(); // side name -> { runs: [{ wall, inProcess, rss }], extra }
  const record = (side, run, extra) => {
    const s = sides.get(side) ?? { runs: [], extra };
    s.runs.push(run);
    sides.set(side, s);
  };
  // Rounds: the peer and each backend, in an order rotated every round. What ran just before slows
  // a run down in this VM (memory another process freed faults in again), so each side takes each
  // position in turn and the median is reported.
  for (let round = 0; round < repeat; round++) {
    const order = ['peer', ...backends];
    for (let k = 0; k < round % order.length; k++) order.push(order.shift());
    const outputs = [];
    let reference;
    for (const b of order) {
      if (b === 'peer') {
        const peerOut = join(tmp, 'peer.npy');
        const peer = timed(python, [peerScript, '--model', c.path, '--input', input, '--target', String(c.target), '--threads', '2', '--out', peerOut, ...c.peer]);
        const peerInfo = JSON.parse(peer.stdout.trim().split('\n').pop());
        reference = readNpy(peerOut);
        record(`pytorch ${peerInfo.torch} (${peerInfo.threads} threads)`, { wallSeconds: peer.wallSeconds, inProcessSeconds: peerInfo.computeSeconds, peakRssMiB: peer.peakRssMiB }, { peer: true });
        continue;
      }
      if (c.slowOff?.includes(b) && !slow) {
        sides.set(`glassbox ${b}`, { skipped: 'set GLASSBOX_BENCH_SLOW=1 (tens of minutes)' });
        continue;
      }
      const out = join(tmp, `${b}.npy`);
      const r = timed('node', [join(root, 'packages/cli/bin/glassbox.cjs'), 'explain', '--model', c.path, '--input', input, '--target', String(c.target), '--backend', b, '--out', out, ...c.cli]);
      const ms = /in (\d+) ms/.exec(r.stderr);
      const onBackend = /on (\S+):/.exec(r.stderr)?.[1];
      const run = { wallSeconds: r.wallSeconds, inProcessSeconds: ms ? Number(ms[1]) / 1000 : null, peakRssMiB: r.peakRssMiB };
      outputs.push([run, readNpy(out)]);
      record(`glassbox ${onBackend ?? b}`, run);
    }
    const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (const [run, mine] of outputs) {
      let diff = 0;
      for (let i = 0; i < mine.length; i++) diff = Math.max(diff, Math.abs(mine[i] - reference[i]));
      run.maxRelDiffVsPeer = diff / scale;
    }
  }
  let peerRow;
  for (const [side, s] of sides) {
    if (s.skipped) {
      rows.push({ ...base, side, skipped: s.skipped });
      continue;
    }
    const row = {
      ...base,
      side,
      wallSeconds: median(s.runs.map((r) => r.wallSeconds)),
      inProcessSeconds: median(s.runs.map((r) => r.inProcessSeconds)),
      peakRssMiB: Math.max(...s.runs.map((r) => r.peakRssMiB)),
      runs: s.runs,
    };
    if (s.extra?.peer) peerRow = row;
    else {
      row.maxRelDiffVsPeer = Math.max(...s.runs.map((r) => r.maxRelDiffVsPeer));
      row.speedWholeProcess = peerRow.wallSeconds / row.wallSeconds;
      row.speedInProcess = row.inProcessSeconds ? peerRow.inProcessSeconds / row.inProcessSeconds : null;
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
rmSync(tmp, { recursive: true, force: true });

const f = (v, d = 2) => (typeof v === 'number' ? v.toFixed(d) : '—');
console.log('\n| model | case | side | whole process s | in-process s | peak RSS MiB | speed (peer/glassbox) whole / in-process | max |Δ| / max |peer| |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(r.skipped ? `| ${r.model} | ${r.case} (${r.examples}) | ${r.side} | skipped: ${r.skipped} | | | | |`
    : `| ${r.model} | ${r.case} (${r.examples}) | ${r.side} | ${f(r.wallSeconds)} | ${f(r.inProcessSeconds)} | ${f(r.peakRssMiB, 0)} | ${r.speedWholeProcess ? `${f(r.speedWholeProcess)}× / ${f(r.speedInProcess)}×` : 'peer'} | ${r.maxRelDiffVsPeer === undefined ? '' : r.maxRelDiffVsPeer.toExponential(1)} |`);
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/mobilenet.json'), JSON.stringify({ benchmark: 'real models vs PyTorch', generatedAt: new Date().toISOString(), node: process.version, rounds: repeat, statistic: 'median over rounds (each round: the peer, then each backend)', models: { MobileNetV2: 'nsfwjs@4.4.0 MobileNetV2 (examples/image-classification/models/mobilenet_v2)', 'MNIST MLP': 'examples/mnist/models/mlp', 'MNIST CNN': 'examples/mnist/models/cnn' }, rows }, null, 2));
if (!existsSync(join(root, 'bench/results/mobilenet.json'))) process.exit(1);
