import { Injectable } from '@nestjs/common';

/** Failed logins allowed for one email from one address within the window. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failed logins allowed from one address, over all emails, within the window. */
export const MAX_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MS = 15 * 60 * 1000;
/** Bound on remembered keys, so a flood of distinct keys cannot grow memory. */
const MAX_KEYS = 100_000;

/**
 * Sliding-window limits on failed logins. Keys are (email, address) and
 * (address): an attacker guessing one account from one address is stopped
 * after a few tries, one spraying many accounts from one address too, while
 * the real user on another address is never locked out by either, and any
 * block lifts by itself when its oldest failure leaves the window. A success
 * clears the (email, address) key.
 *
 * In memory, per instance: several instances each apply the limits.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfterSeconds(email: string, address: string, now = Date.now()): number {
    const waits = [
      this.wait(accountKey(email, address), MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, now),
      this.wait(addressKey(address), MAX_FAILURES_PER_ADDRESS, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(email: string, address: string, now = Date.now()): void {
    this.push(accountKey(email, address), now);
    this.push(addressKey(address), now);
  }

  recordSuccess(email: string, address: string): void {
    this.failures.delete(accountKey(email, address));
  }

  private wait(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    const oldestThatCounts = times[times.length - max];
    return Math.max(1, Math.ceil((oldestThatCounts + WINDOW_MS - now) / 1000));
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private push(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= MAX_KEYS) this.evictExpired(now);
    const times = this.recent(key, now);
    times.push(now);
    // Keep only as many as the largest limit needs.
    this.failures.set(key, times.slice(-MAX_FAILURES_PER_ADDRESS));
  }

  private evictExpired(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    // Still full: forget the oldest keys (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_KEYS) break;
      this.failures.delete(key);
    }
  }
}

const accountKey = (email: string, address: string) => `a:${email.toLowerCase()}|${address}`;
const addressKey = (address: string) => `i:${address}`;
