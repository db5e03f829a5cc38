import { describe, expect, it } from '@jest/globals';
import type { ClusterBus } from '../cluster/cluster-bus.service.js';
import { RateLimits } from './rate-limits.js';

const inMemory = () => new RateLimits({ redisOptions: () => undefined } as unknown as ClusterBus);

describe('RateLimits (in memory, without REDIS_URL)', () => {
  it('allows `points` attempts per window per key, then names the wait, and lifts after the window', async () => {
    const limits = inMemory();
    const limit = { name: 'test', points: 3, windowMs: 1000 };
    expect(limits.shared).toBe(false);
    expect(await limits.take(limit, 'a')).toBe(0);
    expect(await limits.take(limit, 'a')).toBe(0);
    expect(await limits.take(limit, 'a')).toBe(0);
    expect(await limits.take(limit, 'a')).toBe(1);
    // Another key, or another limit with the same key, is not affected.
    expect(await limits.take(limit, 'b')).toBe(0);
    expect(await limits.take({ ...limit, name: 'other' }, 'a')).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await limits.take(limit, 'a')).toBe(0);
  });

  it('counts failures without refusing, reports the wait, and forgets on reset', async () => {
    const limits = inMemory();
    const limit = { name: 'failures', points: 2, windowMs: 60_000 };
    await limits.count(limit, 'k');
    expect(await limits.wait(limit, 'k')).toBe(0);
    await limits.count(limit, 'k');
    const wait = await limits.wait(limit, 'k');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    await limits.reset(limit, 'k');
    expect(await limits.wait(limit, 'k')).toBe(0);
  });
});
