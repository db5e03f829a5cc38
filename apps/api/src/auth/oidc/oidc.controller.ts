import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { InjectSettings, type RuntimeSettings } from '../../config/settings.module.js';
import { readCookie } from '../../platform/cookies.js';
import { DomainError } from '../../platform/domain-error.js';
import { Public } from '../../platform/public.decorator.js';
import { AuditService } from '../../audit/audit.service.js';
import { AuthService } from '../auth.service.js';
import { setRefreshCookie } from '../refresh-cookie.js';
import { OidcError, OidcService } from './oidc.service.js';
import { ApiAnswer } from '../../platform/openapi/api-answers.js';

const PENDING_COOKIE = 'tolk_oidc';
const CALLBACK_PATH = '/api/auth/oidc/callback';

/**
 * `/api/auth/oidc/start` sends the browser to the provider;
 * `/api/auth/oidc/callback` receives it back, starts a session (the refresh
 * cookie, as a password sign-in does) and sends it on into the web client,
 * which renews its access token as on any visit.
 */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  @Get('start')
  @ApiAnswer.redirect('to the OpenID Connect provider')
  async start(@Query('returnTo') returnTo: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.settings.oidc)
      throw new DomainError('oidc_not_configured', 'Sign-in through a provider is not configured');
    try {
      const { url, pending } = await this.oidc.start(`${this.base(request)}${CALLBACK_PATH}`, safeReturnTo(returnTo));
      response.cookie(PENDING_COOKIE, pending, pendingCookie(request, 10 * 60 * 1000));
      response.redirect(302, url);
    } catch (error) {
      response.redirect(302, failurePage(error));
    }
  }

  @Get('callback')
  @ApiAnswer.redirect('into the web client, signed in (or to /login?oidc=<reason> on failure)')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.settings.oidc)
      throw new DomainError('oidc_not_configured', 'Sign-in through a provider is not configured');
    response.clearCookie(PENDING_COOKIE, pendingCookie(request));
    try {
      const callbackUrl = new URL(request.originalUrl, this.base(request));
      const { user, created, returnTo } = await this.oidc.finish(
        callbackUrl,
        readCookie(request.headers.cookie, PENDING_COOKIE),
      );
      const session = await this.auth.signedIn(user, { method: 'oidc', ...(created ? { accountCreated: true } : {}) });
      setRefreshCookie(request, response, session.refreshToken);
      response.redirect(302, returnTo);
    } catch (error) {
      if (error instanceof OidcError) {
        await this.audit.log(
          'auth.login_failed',
          { details: { method: 'oidc', reason: error.reason } },
          { actor: null },
        );
      }
      response.redirect(302, failurePage(error));
    }
  }

  /** Where the browser reaches Tolk: the configured public URL, else this request's own origin. */
  private base(request: Request): string {
    return this.settings.publicUrl ?? `${request.protocol}://${request.get('host')}`;
  }
}

function pendingCookie(request: Request, maxAge?: number): CookieOptions {
  // Lax, not Strict: the callback is a top-level navigation from the provider's site.
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure,
    path: '/api/auth/oidc',
    ...(maxAge ? { maxAge } : {}),
  };
}

/** Only a path inside the web client; never another site (`//evil`, `https://…`). */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/projects';
}

function failurePage(error: unknown): string {
  return `/login?oidc=${error instanceof OidcError ? error.reason : 'failed'}`;
}
