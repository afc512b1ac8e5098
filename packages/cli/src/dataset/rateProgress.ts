/** Formats seconds as `1h02m`, `3m05s` or `42s`. */
export const formatDuration = (s: number): string => {
  if (!Number.isFinite(s)) return '?';
  const t = Math.max(0, Math.round(s));
  if (t >= 3600) return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
  if (t >= 60) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${t}s`;
};

/**
 * Progress of a dataset run as one line: `1,200/100,000 examples · 850/s · ETA 1m56s`. On a
 * terminal it redraws in place (at most every 200 ms); otherwise it writes a line every `everyMs`
 * (default 10 s), so logs of batch jobs show the rate too. An `estimated` total (a shard's share) shows as `~n`.
 */
export function rateProgress(total: number | undefined, stream: NodeJS.WriteStream = process.stderr, everyMs = 10_000, estimated = false) {
  const started = performance.now();
  let last = 0;
  let drawn = false;
  const line = (done: number) => {
    const secs = (performance.now() - started) / 1000;
    const rate = done / Math.max(secs, 1e-3);
    const eta = total !== undefined && rate > 0 && done <= total ? formatDuration((total - done) / rate) : '?';
    return `${done.toLocaleString('en')}${total !== undefined ? `/${estimated ? '~' : ''}${total.toLocaleString('en')}` : ''} examples · ${rate.toFixed(rate < 10 ? 1 : 0)}/s · ETA ${eta}`;
  };
  return {
    line,
    update(done: number) {
      const now = performance.now();
      if (now - last < (stream.isTTY ? 200 : everyMs)) return;
      last = now;
      if (stream.isTTY) {
        stream.write(`\r${line(done)}\x1b[K`);
        drawn = true;
      } else stream.write(`${line(done)}\n`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
