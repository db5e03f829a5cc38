import { describe, expect, it } from '@jest/globals';
import {
  LoginRateLimiter,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  WINDOW_MS,
} from './login-rate-limiter.js';

const T0 = 1_700_000_000_000;

describe('LoginRateLimiter', () => {
  it('blocks one account from one address after the allowed failures, and only there', () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(limiter.retryAfterSeconds('kari@x.no', '10.0.0.1', T0 + i)).toBe(0);
      limiter.recordFailure('kari@x.no', '10.0.0.1', T0 + i);
    }
    expect(limiter.retryAfterSeconds('kari@x.no', '10.0.0.1', T0 + 10)).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('KARI@x.no', '10.0.0.1', T0 + 10)).toBeGreaterThan(0);
    // The real user elsewhere is not locked out by the attacker.
    expect(limiter.retryAfterSeconds('kari@x.no', '10.0.0.2', T0 + 10)).toBe(0);
  });

  it('lifts the block by itself when the failures leave the window (no lockout forever)', () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) limiter.recordFailure('a@x.no', 'ip', T0);
    const wait = limiter.retryAfterSeconds('a@x.no', 'ip', T0 + 1000);
    expect(wait).toBe(Math.ceil((WINDOW_MS - 1000) / 1000));
    expect(limiter.retryAfterSeconds('a@x.no', 'ip', T0 + WINDOW_MS + 1)).toBe(0);
  });

  it('a success clears the account’s failures from that address', () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++) limiter.recordFailure('a@x.no', 'ip', T0);
    limiter.recordSuccess('a@x.no', 'ip');
    limiter.recordFailure('a@x.no', 'ip', T0);
    expect(limiter.retryAfterSeconds('a@x.no', 'ip', T0)).toBe(0);
  });

  it('blocks an address spraying many accounts', () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) limiter.recordFailure(`user${i}@x.no`, 'sprayer', T0);
    expect(limiter.retryAfterSeconds('fresh@x.no', 'sprayer', T0)).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('fresh@x.no', 'someone-else', T0)).toBe(0);
  });
});
