import { Injectable } from '@nestjs/common';
import { type Limit, RateLimits } from '../platform/rate-limits.js';

/** Failed logins allowed for one email from one address within the window. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failed logins allowed from one address, over all emails, within the window. */
export const MAX_FAILURES_PER_ADDRESS = 50;
/** Wrong current passwords (`POST /api/auth/password`) allowed per account within the window. */
export const MAX_PASSWORD_FAILURES_PER_ACCOUNT = 5;
export const WINDOW_MS = 15 * 60 * 1000;

const PER_ACCOUNT_AND_ADDRESS: Limit = {
  name: 'login-account',
  points: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  windowMs: WINDOW_MS,
};
const PER_ADDRESS: Limit = { name: 'login-address', points: MAX_FAILURES_PER_ADDRESS, windowMs: WINDOW_MS };
const PASSWORD_PER_ACCOUNT: Limit = {
  name: 'password-account',
  points: MAX_PASSWORD_FAILURES_PER_ACCOUNT,
  windowMs: WINDOW_MS,
};

/**
 * Limits on guessing passwords. Sign-in failures are counted per (email,
 * address) and per address: an attacker guessing one account from one
 * address is stopped after a few tries, one spraying many accounts from one
 * address too, while the real user on another address is never locked out
 * by either. Wrong current passwords at `POST /api/auth/password` are
 * counted per account (whoever holds a stolen access token is the one
 * guessing). Every block lifts by itself when its window ends; a success
 * clears the account's count. Shared by all instances when `REDIS_URL` is
 * set (RateLimits).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(private readonly limits: RateLimits) {}

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  async retryAfterSeconds(email: string, address: string): Promise<number> {
    const waits = await Promise.all([
      this.limits.wait(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address)),
      this.limits.wait(PER_ADDRESS, address),
    ]);
    return Math.max(...waits);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.limits.count(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address)),
      this.limits.count(PER_ADDRESS, address),
    ]);
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.limits.reset(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address));
  }

  /** For a password change: seconds to wait, or 0. */
  passwordRetryAfterSeconds(userId: string): Promise<number> {
    return this.limits.wait(PASSWORD_PER_ACCOUNT, userId);
  }

  recordPasswordFailure(userId: string): Promise<void> {
    return this.limits.count(PASSWORD_PER_ACCOUNT, userId);
  }

  recordPasswordSuccess(userId: string): Promise<void> {
    return this.limits.reset(PASSWORD_PER_ACCOUNT, userId);
  }
}

const accountKey = (email: string, address: string) => `${email.toLowerCase()}|${address}`;
