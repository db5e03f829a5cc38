import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import type { AuthenticatedRequest } from './actor.js';
import { DomainError } from './domain-error.js';

/** Bound on remembered keys, so a flood of distinct keys cannot grow memory. */
const MAX_KEYS = 100_000;

/**
 * Sliding-window counters: at most `limit` events per key within `windowMs`.
 * In memory, per instance (several instances each apply the limit).
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  /** Counts an attempt: 0 when allowed (and counted), else the seconds until one is. */
  take(key: string, limit: number, windowMs: number, now = Date.now()): number {
    const times = (this.events.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= limit) {
      this.events.set(key, times);
      return Math.max(1, Math.ceil((times[times.length - limit] + windowMs - now) / 1000));
    }
    if (!this.events.has(key) && this.events.size >= MAX_KEYS) this.evict(now, windowMs);
    times.push(now);
    this.events.set(key, times);
    return 0;
  }

  get size(): number {
    return this.events.size;
  }

  private evict(now: number, windowMs: number): void {
    for (const [key, times] of this.events) if (!times.some((t) => t > now - windowMs)) this.events.delete(key);
    for (const key of this.events.keys()) {
      if (this.events.size < MAX_KEYS) break;
      this.events.delete(key);
    }
  }
}

export type RateLimitPolicy = 'register' | 'import' | 'export' | 'upload';

interface Policy {
  limit: (settings: RuntimeSettings) => number;
  windowMs: number;
  /** Per signed-in user, or per address (routes anyone may call). */
  per: 'user' | 'address';
  message: string;
  /** The 429's `reason`. */
  reason: 'too_many_registrations' | 'too_many_imports' | 'too_many_exports' | 'too_many_uploads';
  /** Counts only the requests this picks (default: all of the route's). */
  applies?: (request: AuthenticatedRequest) => boolean;
}

const HOUR = 60 * 60 * 1000;
const POLICIES: Record<RateLimitPolicy, Policy> = {
  register: {
    limit: (s) => s.registrationsPerHour,
    windowMs: HOUR,
    per: 'address',
    message: 'Too many new accounts from this address',
    reason: 'too_many_registrations',
  },
  // Imports and exports parse or build whole projects: heavy, so a few a minute per user.
  import: {
    limit: () => 20,
    windowMs: 10 * 60 * 1000,
    per: 'user',
    message: 'Too many imports',
    reason: 'too_many_imports',
  },
  export: {
    limit: () => 30,
    windowMs: 10 * 60 * 1000,
    per: 'user',
    message: 'Too many exports',
    reason: 'too_many_exports',
  },
  // Transcript files: each is read by a parser thread; JSON text on the same route is not counted.
  upload: {
    limit: () => 60,
    windowMs: 10 * 60 * 1000,
    per: 'user',
    message: 'Too many uploads',
    reason: 'too_many_uploads',
    applies: (request) => (request.headers['content-type'] ?? '').startsWith('multipart/'),
  },
};

const RATE_LIMIT = 'tolk:rateLimit';

/**
 * Limits a route by a named policy: `@RateLimited('export')` on a controller
 * method is all a route needs (the global RateLimitInterceptor applies it,
 * after authentication, answering 429 with Retry-After).
 */
export const RateLimited = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT, policy);

@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly limiter = new SlidingWindowLimiter();

  constructor(
    private readonly reflector: Reflector,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = this.reflector.get<RateLimitPolicy | undefined>(RATE_LIMIT, context.getHandler());
    if (name && context.getType() === 'http') {
      const policy = POLICIES[name];
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      if (policy.applies && !policy.applies(request)) return next.handle();
      const who = policy.per === 'user' && request.actor ? `u:${request.actor.userId}` : `i:${request.ip ?? 'unknown'}`;
      const wait = this.limiter.take(`${name}|${who}`, policy.limit(this.settings), policy.windowMs);
      if (wait > 0)
        throw new DomainError(policy.reason, `${policy.message}; try again in ${wait} seconds`, { seconds: wait });
    }
    return next.handle();
  }
}
