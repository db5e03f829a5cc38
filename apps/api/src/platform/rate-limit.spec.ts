import { describe, expect, it } from '@jest/globals';
import { SlidingWindowLimiter } from './rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events per window per key, then names the wait until the oldest leaves it', () => {
    const limiter = new SlidingWindowLimiter();
    const t0 = 1_000_000;
    expect(limiter.take('a', 3, 60_000, t0)).toBe(0);
    expect(limiter.take('a', 3, 60_000, t0 + 10_000)).toBe(0);
    expect(limiter.take('a', 3, 60_000, t0 + 20_000)).toBe(0);
    expect(limiter.take('a', 3, 60_000, t0 + 30_000)).toBe(30);
    // Another key is not affected.
    expect(limiter.take('b', 3, 60_000, t0 + 30_000)).toBe(0);
    // Refused attempts do not count: once the first leaves the window, one more is allowed.
    expect(limiter.take('a', 3, 60_000, t0 + 60_001)).toBe(0);
    expect(limiter.take('a', 3, 60_000, t0 + 60_002)).toBe(10);
  });

  it('never waits less than a second', () => {
    const limiter = new SlidingWindowLimiter();
    limiter.take('a', 1, 1_000, 0);
    expect(limiter.take('a', 1, 1_000, 999)).toBe(1);
  });
});
