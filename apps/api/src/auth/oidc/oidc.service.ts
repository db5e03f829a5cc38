import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as client from 'openid-client';
import { InjectSettings, type RuntimeSettings } from '../../config/settings.module.js';
import type { UserEntity } from '../user.entity.js';
import { normaliseEmail } from '../users.js';
import { UsersRepository } from '../users.repository.js';

/** Why a sign-in through the provider did not end in a session (the web client explains each). */
export type OidcFailure = 'failed' | 'unverified' | 'closed';

export class OidcError extends Error {
  constructor(
    readonly reason: OidcFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Stored for accounts made through the provider: not a PHC string, so no password ever matches it. */
export const NO_PASSWORD = '!oidc';

const STATE_SECONDS = 10 * 60;
const AUDIENCE = 'tolk-oidc';

/** What the browser carries (signed, in a cookie) from the redirect to the provider back to the callback. */
interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

/**
 * OpenID Connect sign-in (authorisation code + PKCE, with state and nonce)
 * against the configured provider (`TOLK_OIDC_*`). Accounts are linked by
 * verified email: the provider must say `email_verified`; an unknown email
 * gets an account when registration is open.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  get name(): string | undefined {
    return this.settings.oidc?.name;
  }

  /** The provider's authorisation URL, and the signed state to keep in a cookie until the callback. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; pending: string }> {
    const config = await this.config();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      redirectUri,
      returnTo,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const signed = await this.jwt.signAsync(
      { ...pending },
      {
        secret: this.settings.secret,
        algorithm: 'HS256',
        expiresIn: STATE_SECONDS,
        audience: AUDIENCE,
        issuer: 'tolk',
      },
    );
    return { url: url.href, pending: signed };
  }

  /** The provider sent the browser back: the account it vouches for (found by verified email, or made). */
  async finish(
    callbackUrl: URL,
    pendingCookie: string | undefined,
  ): Promise<{ user: UserEntity; created: boolean; returnTo: string }> {
    const pending = await this.readPending(pendingCookie);
    const config = await this.config();
    let claims: { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Providers put email in the ID token or only in userinfo (oidc-provider's default): ask userinfo.
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...info };
    } catch (error) {
      this.logger.warn(
        `Sign-in through the provider failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new OidcError('failed', 'The sign-in through the provider did not succeed');
    }
    if (typeof claims.email !== 'string' || claims.email_verified !== true) {
      throw new OidcError('unverified', 'The provider did not vouch for an email address');
    }
    const email = normaliseEmail(claims.email);
    const existing = await this.users.findByEmail(email);
    if (existing) return { user: existing, created: false, returnTo: pending.returnTo };
    if (!this.settings.allowRegistration)
      throw new OidcError('closed', 'No account uses this email, and registration is closed');
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : email;
    const user = await this.users.insert({ email, name, passwordHash: NO_PASSWORD });
    if (user) return { user, created: true, returnTo: pending.returnTo };
    // A second sign-in with this email made the account a moment ago.
    const made = await this.users.findByEmail(email);
    if (!made) throw new OidcError('failed', 'The sign-in through the provider did not succeed');
    return { user: made, created: false, returnTo: pending.returnTo };
  }

  private async readPending(cookie: string | undefined): Promise<PendingLogin> {
    try {
      if (!cookie) throw new Error('no state cookie');
      return await this.jwt.verifyAsync<PendingLogin>(cookie, {
        secret: this.settings.secret,
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: 'tolk',
      });
    } catch {
      // Expired, forged, or a callback this browser never started (login CSRF).
      throw new OidcError('failed', 'This sign-in was not started here, or took too long; try again');
    }
  }

  /** Discovery once, lazily (the provider may come up after Tolk); retried after a failure. */
  private config(): Promise<client.Configuration> {
    const oidc = this.settings.oidc;
    if (!oidc) throw new OidcError('failed', 'Sign-in through a provider is not configured');
    this.configuration ??= discover(oidc.issuer, oidc.clientId, oidc.clientSecret).catch((error: unknown) => {
      this.configuration = undefined;
      this.logger.error(`Could not reach the OpenID provider ${oidc.issuer}: ${String(error)}`);
      throw new OidcError('failed', 'The sign-in provider cannot be reached');
    });
    return this.configuration;
  }
}

function discover(issuer: string, clientId: string, clientSecret: string): Promise<client.Configuration> {
  const url = new URL(issuer);
  // Plain HTTP only to a provider on this machine (tests, development); anything else must be HTTPS.
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return client.discovery(
    url,
    clientId,
    clientSecret,
    undefined,
    loopback ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}
