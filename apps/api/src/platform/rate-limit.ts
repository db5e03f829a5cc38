import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { RateLimits } from './rate-limits.js';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import type { AuthenticatedRequest } from './actor.js';
import { DomainError } from './domain-error.js';

export type RateLimitPolicy = 'register' | 'import' | 'export' | 'upload' | 'invite';

interface Policy {
  limit: (settings: RuntimeSettings) => number;
  windowMs: number;
  /** Per signed-in user, or per address (routes anyone may call). */
  per: 'user' | 'address';
  message: string;
  /** The 429's `reason`. */
  reason:
    'too_many_registrations' | 'too_many_imports' | 'too_many_exports' | 'too_many_uploads' | 'too_many_invitations';
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
  // Inviting by email must not become a way to try addresses (or to flood someone's inbox).
  invite: {
    limit: (s) => s.invitationsPerTenMinutes,
    windowMs: 10 * 60 * 1000,
    per: 'user',
    message: 'Too many invitations',
    reason: 'too_many_invitations',
    // Adding by user id (POST …/members with `userId`) reveals nothing and is not counted.
    applies: (request) => typeof (request.body as { email?: unknown } | undefined)?.email === 'string',
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
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const name = this.reflector.get<RateLimitPolicy | undefined>(RATE_LIMIT, context.getHandler());
    if (name && context.getType() === 'http') {
      const policy = POLICIES[name];
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      if (policy.applies && !policy.applies(request)) return next.handle();
      const who = policy.per === 'user' && request.actor ? `u:${request.actor.userId}` : `i:${request.ip ?? 'unknown'}`;
      // Shared by every instance when REDIS_URL is set (RateLimits).
      const limit = { name, points: policy.limit(this.settings), windowMs: policy.windowMs };
      const wait = await this.limits.take(limit, who);
      if (wait > 0)
        throw new DomainError(policy.reason, `${policy.message}; try again in ${wait} seconds`, { seconds: wait });
    }
    return next.handle();
  }
}
