#!/usr/bin/env node
// End-to-end release test (issue: versioned packages, published and installed for real).
// 1. Copies the built workspace to a temporary folder and runs `changeset version` there.
// 2. Starts verdaccio on 127.0.0.1 with no uplink and publishes every public package to it.
// 3. In a fresh project outside the workspace, installs only @glassbox/core,
//    @glassbox/integrated-gradients and @glassbox/backend-wasm with plain npm (other packages come
//    from the public registry), runs an explanation from ESM and from CommonJS, compiles a strict
//    TypeScript consumer, checks nothing else from the monorepo arrived, and reports sizes.
// 4. Bumps @glassbox/core by a minor version, publishes it, upgrades the consumer and shows the
//    previously published explainer still installs and works.
// Prints a JSON summary; exits non-zero on any failure. Needs `pnpm build` first.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const log = (...a) => console.error('[release-check]', ...a);
const run = (cmd, args, opts = {}) => {
  log('$', cmd, args.join(' '), opts.cwd ? `(in ${opts.cwd})` : '');
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
};
const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
const duBytes = (p) => {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((s, e) => s + duBytes(join(p, e)), 0);
};

const work = mkdtempSync(join(tmpdir(), 'glassbox-release-'));
const publicPackages = readdirSync(join(root, 'packages'))
  .map((d) => ({ dir: d, pkg: JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);
for (const { dir } of publicPackages) {
  if (!existsSync(join(root, 'packages', dir, 'dist'))) throw new Error(`packages/${dir}/dist is missing: run pnpm build first`);
}

// 1. A copy of the workspace (sources, dists, config) without node_modules.
const repo = join(work, 'repo');
const skip = new Set(['node_modules', '.git', '.turbo', 'test-results', 'build']);
cpSync(root, repo, { recursive: true, filter: (src) => !skip.has(src.split('/').pop()) || src.endsWith('backend-native/build') });
const writeChangeset = (name, bumps) =>
  writeFileSync(join(repo, '.changeset', `${name}.md`), `---\n${Object.entries(bumps).map(([p, b]) => `"${p}": ${b}`).join('\n')}\n---\n\nRelease check: ${name}.\n`);

// 2. verdaccio, loopback only, no uplinks.
const port = await freePort();
const registry = `http://127.0.0.1:${port}/`;
mkdirSync(join(work, 'verdaccio'));
writeFileSync(
  join(work, 'verdaccio', 'config.yaml'),
  `storage: ${join(work, 'verdaccio', 'storage')}\nauth:\n  htpasswd:\n    file: ${join(work, 'verdaccio', 'htpasswd')}\n    max_users: 10\nuplinks: {}\npackages:\n  '**':\n    access: $all\n    publish: $authenticated\nlog: { type: stdout, format: pretty, level: warn }\n`,
);
const verdaccio = spawn(bin('verdaccio'), ['--config', join(work, 'verdaccio', 'config.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
const stop = () => verdaccio.kill('SIGTERM');
process.on('exit', stop);
const summary = { registry, rounds: [] };
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 100) throw new Error('verdaccio did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const user = await fetch(`${registry}-/user/org.couchdb.user:release-check`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-check', password: 'release-check-password' }),
  }).then((r) => r.json());
  if (!user.token) throw new Error(`could not create a registry user: ${JSON.stringify(user)}`);
  const npmrc = join(work, '.npmrc');
  writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${user.token}\n@glassbox:registry=${registry}\n`);
  const env = { ...process.env, npm_config_userconfig: npmrc, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

  const publishAll = () => {
    const published = [];
    for (const { dir } of publicPackages) {
      const pkgDir = join(repo, 'packages', dir);
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
      const exists = spawnOk('npm', ['view', `${pkg.name}@${pkg.version}`, 'version', '--registry', registry], env);
      if (exists) continue;
      resolveWorkspaceRanges(pkgDir);
      run('npm', ['publish', '--registry', registry, '--access', 'public', '--ignore-scripts'], { cwd: pkgDir, env });
      published.push(`${pkg.name}@${pkg.version}`);
    }
    return published;
  };

  // Round 1: version everything once and publish.
  writeChangeset('first-release', Object.fromEntries(publicPackages.map(({ pkg }) => [pkg.name, 'patch'])));
  run(bin('changeset'), ['version'], { cwd: repo, env });
  summary.rounds.push({ round: 1, published: publishAll() });

  // The consumer: a fresh project outside the workspace, plain npm.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'glassbox-consumer', version: '1.0.0', private: true }, null, 2));
  run('npm', ['install', '@glassbox/core', '@glassbox/integrated-gradients', '@glassbox/backend-wasm'], { cwd: app, env });
  const consumerFiles = {
    'explain.mjs': `import * as tf from '@tensorflow/tfjs-core';
import { fromFunction, useBackend } from '@glassbox/core';
import '@glassbox/backend-wasm/register';
import { integratedGradients } from '@glassbox/integrated-gradients';
const sel = await useBackend('wasm');
const w = tf.tensor2d([[1, -2], [0.5, 1], [2, 0.3]]);
const model = fromFunction((x) => tf.sigmoid(tf.matMul(x, w)), { inputShape: [3], outputShape: [2] });
const e = await integratedGradients().explain(model, [[0.2, 0.4, -0.1]], { target: 1 });
console.log(JSON.stringify({ format: 'esm', backend: e.backend, selected: sel.name, delta: e.convergenceDelta, attributions: [...e.attributions] }));
`,
    'explain.cjs': `const tf = require('@tensorflow/tfjs-core');
const { fromFunction, useBackend } = require('@glassbox/core');
require('@glassbox/backend-wasm/register');
const { integratedGradients } = require('@glassbox/integrated-gradients');
(async () => {
  const sel = await useBackend('wasm');
  const w = tf.tensor2d([[1, -2], [0.5, 1], [2, 0.3]]);
  const model = fromFunction((x) => tf.sigmoid(tf.matMul(x, w)), { inputShape: [3], outputShape: [2] });
  const e = await integratedGradients().explain(model, [[0.2, 0.4, -0.1]], { target: 1 });
  console.log(JSON.stringify({ format: 'cjs', backend: e.backend, selected: sel.name, delta: e.convergenceDelta, attributions: [...e.attributions] }));
})();
`,
    'consumer.ts': `import * as tf from '@tensorflow/tfjs-core';
import { fromFunction, type Explanation, type Model } from '@glassbox/core';
import { integratedGradients } from '@glassbox/integrated-gradients';
const w = tf.tensor2d([[1], [2]]);
const model: Model = fromFunction((x) => tf.matMul(x as tf.Tensor2D, w), { inputShape: [2], outputShape: [1] });
export async function run(): Promise<number[] | undefined> {
  const e: Explanation<'attribution'> = await integratedGradients().explain(model, [[1, 2]], { target: 0 });
  return e.convergenceDelta;
}
`,
  };
  for (const [f, text] of Object.entries(consumerFiles)) writeFileSync(join(app, f), text);
  const check = (round) => {
    const results = ['explain.mjs', 'explain.cjs'].map((f) => JSON.parse(run('node', [f], { cwd: app, env }).trim().split('\n').pop()));
    for (const r of results) {
      if (r.backend !== 'wasm') throw new Error(`${r.format}: explanation ran on ${r.backend}, expected wasm`);
      if (!(Math.abs(r.delta[0]) < 1e-3)) throw new Error(`${r.format}: convergence delta ${r.delta[0]} too large`);
    }
    const installed = readdirSync(join(app, 'node_modules', '@glassbox')).sort();
    if (JSON.stringify(installed) !== JSON.stringify(['backend-wasm', 'core', 'integrated-gradients'])) {
      throw new Error(`unexpected monorepo packages installed: ${installed.join(', ')}`);
    }
    const versions = Object.fromEntries(installed.map((d) => [`@glassbox/${d}`, JSON.parse(readFileSync(join(app, 'node_modules', '@glassbox', d, 'package.json'), 'utf8')).version]));
    return { round, results, installed: versions };
  };
  const first = check(1);
  run('npm', ['install', '--no-save', 'typescript@~6.0.3', '@types/node@^20'], { cwd: app, env: { ...env, npm_config_registry: 'https://registry.npmjs.org/' } });
  run(join(app, 'node_modules', '.bin', 'tsc'), ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'consumer.ts'], { cwd: app, env });
  first.typescript = 'strict consumer compiled (nodenext)';
  first.sizes = {
    glassboxBytes: Object.fromEntries(readdirSync(join(app, 'node_modules', '@glassbox')).map((d) => [`@glassbox/${d}`, duBytes(join(app, 'node_modules', '@glassbox', d))])),
  };
  rmSync(join(app, 'node_modules', 'typescript'), { recursive: true, force: true });
  rmSync(join(app, 'node_modules', '@types'), { recursive: true, force: true });
  first.sizes.nodeModulesBytes = duBytes(join(app, 'node_modules'));
  summary.rounds[0].consumer = first;

  // Round 2: a minor release of core alone; the published explainer keeps working with it.
  writeChangeset('core-minor', { '@glassbox/core': 'minor' });
  run(bin('changeset'), ['version'], { cwd: repo, env });
  const coreVersion = JSON.parse(readFileSync(join(repo, 'packages', 'core', 'package.json'), 'utf8')).version;
  const published2 = publishAll();
  run('npm', ['install', `@glassbox/core@${coreVersion}`], { cwd: app, env });
  const second = check(2);
  if (second.installed['@glassbox/core'] !== coreVersion) throw new Error(`core is ${second.installed['@glassbox/core']}, expected ${coreVersion}`);
  if (second.installed['@glassbox/integrated-gradients'] !== first.installed['@glassbox/integrated-gradients']) {
    throw new Error('integrated-gradients changed version; it should have kept working unchanged');
  }
  summary.rounds.push({ round: 2, published: published2, consumer: second });
  console.log(JSON.stringify(summary, null, 2));
  console.log('release check passed');
} finally {
  stop();
  if (!process.env.KEEP_RELEASE_CHECK) rmSync(work, { recursive: true, force: true });
}

/**
 * What `pnpm publish` does to `workspace:` ranges, done on the copy so that plain npm can publish
 * it without an installed workspace: `workspace:^` → `^<version>`, `workspace:~` → `~<version>`,
 * `workspace:*` → `<version>`, `workspace:<range>` → `<range>`.
 */
function resolveWorkspaceRanges(pkgDir) {
  const versions = Object.fromEntries(
    readdirSync(join(repo, 'packages')).concat(readdirSync(join(repo, 'examples')).map((d) => `../examples/${d}`)).flatMap((d) => {
      try {
        const p = JSON.parse(readFileSync(join(repo, 'packages', d, 'package.json'), 'utf8'));
        return [[p.name, p.version]];
      } catch {
        return [];
      }
    }),
  );
  const file = join(pkgDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (typeof range !== 'string' || !range.startsWith('workspace:')) continue;
      const spec = range.slice('workspace:'.length);
      const v = versions[name];
      if (field === 'devDependencies') {
        delete pkg[field][name]; // never installed by consumers; keeps unpublished examples out of the manifest
        continue;
      }
      if (!v) throw new Error(`${pkg.name}: ${field}.${name} is ${range}, but no workspace package has that name`);
      pkg[field][name] = spec === '^' ? `^${v}` : spec === '~' ? `~${v}` : spec === '*' ? v : spec;
    }
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

function spawnOk(cmd, args, env) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', env });
    return true;
  } catch {
    return false;
  }
}
