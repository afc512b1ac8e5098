import type { Progress } from '@glassbox/core';

/**
 * A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY, so logs and
 * pipes stay clean.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: Progress): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 80 && p.done < p.total) return;
      last = now;
      const width = 30;
      const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      stream.write(`\r${p.stage.padEnd(18).slice(0, 18)} ${bar} ${String(Math.round(frac * 100)).padStart(3)}% ${p.message ?? `${p.done}/${p.total}`}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
