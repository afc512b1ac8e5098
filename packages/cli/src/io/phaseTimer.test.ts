import { describe, expect, it } from 'vitest';
import { phaseTimer } from './phaseTimer';

describe('phaseTimer', () => {
  it('names each phase with its duration, from the process start, and the total adds them up', () => {
    let t = 400;
    const timer = phaseTimer(() => t, 0);
    timer.mark('model');
    t += 250;
    timer.mark('explain');
    t += 12_500;
    expect(timer.summary()).toBe('process start 400 ms, model 250 ms, explain 12.5 s; total 13.2 s');
  });
});
