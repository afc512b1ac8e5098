import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../main';
import { memoryIo } from '../testFixtures';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'glassbox.cjs');
const cli = async (...argv: string[]) => {
  const io = memoryIo(import.meta.dirname);
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

describe('help', () => {
  it('glassbox --help and glassbox help print the overview with the exit-status contract and exit 0', async () => {
    for (const argv of [['--help'], ['help']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out).toMatch(/^glassbox — explain TensorFlow.js models/);
      expect(r.out).toContain('glassbox <command> --help');
      expect(r.out).toMatch(/0 {2}a result was written[\s\S]*2 {2}bad input[\s\S]*1 {2}an internal failure/);
    }
    const bare = await cli();
    expect(bare.code).toBe(2); // no command is bad input, but the overview still shows
    expect(bare.out).toMatch(/Commands:/);
  });

  it('every command has a page: glassbox <command> --help and glassbox help <command>', async () => {
    for (const command of ['explain', 'methods', 'backends', 'evaluate', 'report']) {
      for (const argv of [[command, '--help'], ['help', command]]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.out).toMatch(new RegExp(`^glassbox ${command} — `));
        expect(r.out).toMatch(/Usage:/);
        expect(r.out).toContain('Exit status:');
      }
    }
    const explain = (await cli('explain', '--help')).out;
    for (const flag of ['--resize <H,W>', '--scale', '--normalize', '--channels rgb|bgr|gray', '--labels', '--memory-budget-mb', '--backend', '--out']) expect(explain).toContain(flag);
  });

  it('glassbox explain --method <id> --help lists the method options with their defaults from the plugin schema', async () => {
    const ig = await cli('explain', '--method', 'integrated-gradients', '--help');
    expect(ig.code, ig.err).toBe(0);
    expect(ig.out).toMatch(/^integrated-gradients — Path integral of gradients/);
    expect(ig.out).toMatch(/Plugin: {3}@glassbox\/integrated-gradients@\d/);
    expect(ig.out).toMatch(/--steps <integer in \[1, 100000\]> \(default 50\)/);
    expect(ig.out).toMatch(/--rule <riemann_left\|.*> \(default gausslegendre\)/);
    const third = await cli('explain', '--help', '--method', 'occlusion');
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/Plugin: {3}glassbox-plugin-occlusion@/);
    expect(third.out).toMatch(/--fill <number> \(default 0\)/);
    expect(third.out).toContain("only the model's outputs");
  });

  it('help on an unknown command or method is the one-line typed error, exit 2', async () => {
    const m = await cli('explain', '--method', 'nope', '--help');
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/^glassbox: error \[UNKNOWN_METHOD\]: No installed explainer "nope"; installed: .*saliency/);
    const c = await cli('help', 'frobnicate');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/^glassbox: error \[INVALID_OPTION\]: No help on "frobnicate"; commands are explain, methods/);
  });

  it('as a process, --help exits 0 with the page on stdout and nothing on stderr', async () => {
    const r = await promisify(execFile)('node', [bin, 'explain', '--method', 'saliency', '--help']);
    expect(r.stdout).toMatch(/^saliency — Gradient of the target output/);
    expect(r.stdout).toMatch(/--abs <boolean> \(default true\)/);
    expect(r.stderr).toBe('');
  });
});
