// Builds the native addon at install time with node-gyp, against the local Node headers (nothing is
// downloaded). Never fails the install: without a compiler or headers the package still installs,
// the reason goes to build/why-unavailable.txt, and `useBackend('native')` reports it.
//
//   node scripts/build-addon.cjs           build (incremental)
//   GLASSBOX_NATIVE_SKIP_BUILD=1 ...        skip the build (the backend reports why)
'use strict';
const { existsSync, writeFileSync, mkdirSync, rmSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const os = require('node:os');

const root = join(__dirname, '..');
const buildDir = join(root, 'build');
const whyFile = join(buildDir, 'why-unavailable.txt');
const logFile = join(buildDir, 'build.log');
const addon = join(buildDir, 'Release', 'glassbox_native.node');
const stampFile = join(buildDir, 'Release', 'source-hash.txt');
// Concurrent installs (pnpm runs this for every `pnpm install`) must not build into the same folder.
const lockDir = join(os.tmpdir(), `glassbox-native-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
let locked = false;

function releaseLock() {
  if (locked) rmSync(lockDir, { recursive: true, force: true });
  locked = false;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Waits (up to 15 minutes) for any other build of this folder, then holds the lock. */
function acquireLock() {
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      locked = true;
      process.on('exit', releaseLock);
      return true;
    } catch (e) {
      if (e.code !== 'EEXIST') return false;
      let pid = 0;
      try {
        pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // being created: wait
      }
      if (pid && !pidAlive(pid)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) return false;
      else sleep(500);
    }
  }
}

/** Hash of everything the binary depends on: sources, build file, Node ABI, compiler flags. */
function sourceHash() {
  const h = createHash('sha256');
  h.update(`${process.version} ${process.arch} ${process.versions.modules} ${process.env.CXX ?? ''}\n`);
  h.update(readFileSync(join(root, 'binding.gyp')));
  const nativeDir = join(root, 'native');
  for (const f of readdirSync(nativeDir).sort()) {
    const p = join(nativeDir, f);
    if (statSync(p).isFile()) h.update(f).update(readFileSync(p));
  }
  return h.digest('hex');
}

function unavailable(reason, log = '') {
  try {
    rmSync(addon, { force: true }); // a binary from older sources must not be loaded
    mkdirSync(buildDir, { recursive: true });
    writeFileSync(whyFile, `${reason}\n`);
    if (log) writeFileSync(logFile, log);
  } catch {
    // nothing more we can do; init will say the addon is missing
  }
  console.warn(`@glassbox/backend-native: native addon not built: ${reason}`);
  console.warn('@glassbox/backend-native: the package still works; useBackend(\'native\') falls back and says why.');
  releaseLock();
  process.exit(0);
}

/** A folder with include/node/node_api.h, from npm's nodedir or next to this Node. */
function findNodeDir() {
  const candidates = [
    process.env.npm_config_nodedir,
    process.env.NODEDIR,
    dirname(dirname(process.execPath)),
    '/usr',
    '/usr/local',
  ];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  return undefined;
}

function hasCompiler() {
  for (const cxx of [process.env.CXX, 'c++', 'g++', 'clang++'].filter(Boolean)) {
    const r = spawnSync(cxx, ['--version'], { stdio: 'ignore' });
    if (r.status === 0) return true;
  }
  return false;
}

function main() {
  if (!existsSync(join(root, 'binding.gyp'))) process.exit(0);
  if (process.env.GLASSBOX_NATIVE_SKIP_BUILD === '1') unavailable('build skipped (GLASSBOX_NATIVE_SKIP_BUILD=1)');
  if (!acquireLock()) unavailable('another build of this package did not finish within 15 minutes');
  const hash = sourceHash();
  if (existsSync(addon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash && loads()) {
    rmSync(whyFile, { force: true });
    console.log('@glassbox/backend-native: native addon up to date');
    return;
  }
  if (!hasCompiler()) unavailable('no C++ compiler found (install g++ or clang++, then run `node scripts/build-addon.cjs` in this package)');
  const nodedir = findNodeDir();
  if (!nodedir) unavailable('Node headers not found (set npm_config_nodedir to a folder with include/node/node_api.h)');
  let gyp;
  try {
    gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
  } catch {
    unavailable('node-gyp is not installed');
  }
  const jobs = String(Math.max(1, (os.availableParallelism?.() ?? os.cpus().length)));
  console.log(`@glassbox/backend-native: building the native addon (node-gyp, headers from ${nodedir})...`);
  // configure + build (not rebuild): incremental, and the previous binary stays until relinked.
  const gypRun = (cmd, extra = []) =>
    spawnSync(process.execPath, [gyp, cmd, `--nodedir=${nodedir}`, ...extra], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, npm_config_nodedir: nodedir },
      maxBuffer: 64 * 1024 * 1024,
    });
  let r = gypRun('configure');
  if (r.status === 0) {
    const configured = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    r = gypRun('build', ['--jobs', jobs]);
    r.stdout = `${configured}\n${r.stdout ?? ''}`;
  }
  const log = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  if (r.status !== 0 || !existsSync(addon)) {
    rmSync(addon, { force: true }); // never leave a stale binary next to a failed build
    const errors = log.split('\n').filter((l) => /error/i.test(l)).slice(0, 4).join(' | ');
    unavailable(`node-gyp failed (exit ${r.status ?? r.signal}): ${errors || 'see build/build.log'}`, log);
  }
  // Load it once in a child process: a bad binary must not crash the user's process later.
  const check = loadCheck();
  if (check.status !== 0) {
    rmSync(addon, { force: true });
    unavailable(`the built addon does not load: ${(check.stderr || '').trim().split('\n').slice(-2).join(' | ')}`, log);
  }
  rmSync(whyFile, { force: true });
  writeFileSync(logFile, log);
  writeFileSync(stampFile, `${hash}\n`);
  console.log(`@glassbox/backend-native: native addon built (${check.stdout.trim()})`);
}

function loadCheck() {
  return spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(addon)}).info()))`], {
    encoding: 'utf8',
  });
}

function loads() {
  return loadCheck().status === 0;
}

main();
