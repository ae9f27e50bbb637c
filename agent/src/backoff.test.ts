import { Backoff } from './backoff';

describe('Backoff', () => {
  it('grows by 1.6 from 1 s and caps at 2 min without jitter', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    const delays = Array.from({ length: 14 }, () => backoff.next());
    expect(delays.slice(0, 4)).toEqual([1000, 1600, 2560, 4096]);
    expect(delays[13]).toBe(120_000);
  });

  it('stays within ±20 % and resets', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999999 });
    expect(low.next()).toBe(800);
    expect(high.next()).toBe(1200);
    high.next();
    high.reset();
    expect(high.next()).toBe(1200);
  });
});
