import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../platform/actor.js';
import { unauthenticated } from '../platform/domain-error.js';
import { IS_PUBLIC } from '../platform/public.decorator.js';
import { TokensService } from './tokens.service.js';

/**
 * Global guard: every route needs `Authorization: Bearer <accessToken>`
 * unless marked `@Public()`. It establishes who the caller is; what the
 * caller may do is decided in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const userId = scheme === 'Bearer' && token ? await this.tokens.verify(token, 'access') : undefined;
    if (!userId) throw unauthenticated('unauthenticated', 'Sign in first: a valid access token is required');
    request.actor = { userId };
    return true;
  }
}
