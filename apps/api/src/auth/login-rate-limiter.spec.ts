import { describe, expect, it } from '@jest/globals';
import type { ClusterBus } from '../cluster/cluster-bus.service.js';
import { RateLimits } from '../platform/rate-limits.js';
import {
  LoginRateLimiter,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_PASSWORD_FAILURES_PER_ACCOUNT,
  WINDOW_MS,
} from './login-rate-limiter.js';

/** In memory: no Redis configured. */
const limiter = () => new LoginRateLimiter(new RateLimits({ redisOptions: () => undefined } as unknown as ClusterBus));

describe('LoginRateLimiter', () => {
  it('blocks one account from one address after the allowed failures, and only there, for at most the window', async () => {
    const limits = limiter();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(await limits.retryAfterSeconds('kari@x.no', '10.0.0.1')).toBe(0);
      await limits.recordFailure('kari@x.no', '10.0.0.1');
    }
    const wait = await limits.retryAfterSeconds('kari@x.no', '10.0.0.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(await limits.retryAfterSeconds('KARI@x.no', '10.0.0.1')).toBeGreaterThan(0);
    // The real user elsewhere is not locked out by the attacker.
    expect(await limits.retryAfterSeconds('kari@x.no', '10.0.0.2')).toBe(0);
  });

  it('a success clears the account’s failures from that address', async () => {
    const limits = limiter();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++) await limits.recordFailure('a@x.no', 'ip');
    await limits.recordSuccess('a@x.no', 'ip');
    await limits.recordFailure('a@x.no', 'ip');
    expect(await limits.retryAfterSeconds('a@x.no', 'ip')).toBe(0);
  });

  it('blocks an address spraying many accounts', async () => {
    const limits = limiter();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await limits.recordFailure(`user${i}@x.no`, 'sprayer');
    expect(await limits.retryAfterSeconds('fresh@x.no', 'sprayer')).toBeGreaterThan(0);
    expect(await limits.retryAfterSeconds('fresh@x.no', 'someone-else')).toBe(0);
  });

  it('counts wrong current passwords per account', async () => {
    const limits = limiter();
    for (let i = 0; i < MAX_PASSWORD_FAILURES_PER_ACCOUNT; i++) await limits.recordPasswordFailure('u1');
    expect(await limits.passwordRetryAfterSeconds('u1')).toBeGreaterThan(0);
    expect(await limits.passwordRetryAfterSeconds('u2')).toBe(0);
    await limits.recordPasswordSuccess('u1');
    expect(await limits.passwordRetryAfterSeconds('u1')).toBe(0);
  });
});
