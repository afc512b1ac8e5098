/** Wall-clock time per phase of a command, for `--timings`. */
export interface PhaseTimer {
  /** Closes the running phase and starts `name`. */
  mark(name: string): void;
  /** `"process start 410 ms, plugins 120 ms, …, total 5.1 s"`; closes the running phase. */
  summary(): string;
}

/**
 * Times the phases of a CLI command. The first phase, `process start`, runs from the Node process's
 * start (module loading included) to the first `mark`, so the phases add up to the whole process.
 *
 * @example
 * ```ts
 * const t = phaseTimer();
 * t.mark('model'); await load(); t.mark('explain'); await run();
 * io.err(`timings: ${t.summary()}`);
 * ```
 */
export function phaseTimer(now: () => number = () => performance.now(), startedAt = 0): PhaseTimer {
  const phases: [string, number][] = [];
  let current = 'process start';
  let since = startedAt;
  const close = () => {
    const t = now();
    phases.push([current, t - since]);
    since = t;
  };
  const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
  return {
    mark(name) {
      close();
      current = name;
    },
    summary() {
      close();
      current = 'after summary';
      const total = phases.reduce((s, [, v]) => s + v, 0);
      return `${phases.map(([n, v]) => `${n} ${ms(v)}`).join(', ')}; total ${ms(total)}`;
    },
  };
}
