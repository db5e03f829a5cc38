import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** Access tokens are short-lived (`accessTokenSeconds`); the browser renews them with the refresh cookie. */
export const REFRESH_TOKEN_SECONDS = 14 * 24 * 60 * 60;

type TokenKind = 'access' | 'refresh';

interface TokenClaims {
  sub: string;
  typ: TokenKind;
  /** The account's token version when issued (absent in tokens from before revocation existed: 0). */
  ver?: number;
  /** Expiry, seconds since the epoch (set by the signer). */
  exp?: number;
}

/** A valid token: whose it is and until when (ms since the epoch). */
export interface VerifiedToken {
  userId: string;
  expiresAt: number;
}

/**
 * Signs and checks HS256 tokens with the instance secret (`TOLK_SECRET`).
 * A token is valid only while its `ver` is the account's token version:
 * `revoke` raises it, ending every session of the account at once, and tells
 * every instance to close the account's open connections.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  /** Seconds an access token lives. */
  get accessTokenSeconds(): number {
    return this.settings.accessTokenSeconds;
  }

  issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, kind: TokenKind): Promise<string> {
    const claims: TokenClaims = { sub: user.id, typ: kind, ver: user.tokenVersion };
    return this.jwt.signAsync(claims, {
      secret: this.settings.secret,
      algorithm: 'HS256',
      expiresIn: kind === 'access' ? this.settings.accessTokenSeconds : REFRESH_TOKEN_SECONDS,
      issuer: 'tolk',
    });
  }

  /** The user id a valid, unrevoked token of this kind names, or undefined. */
  async verify(token: string, kind: TokenKind): Promise<string | undefined> {
    return (await this.verifyUntil(token, kind))?.userId;
  }

  /**
   * The account a token names when its signature, kind and expiry are good,
   * decided synchronously (no database: revocation is not checked). For
   * bookkeeping that must happen before the first await, like reserving a
   * live connection slot; `verify` still decides.
   */
  subjectOf(token: string, kind: TokenKind): string | undefined {
    try {
      const claims = this.jwt.verify<TokenClaims>(token, {
        secret: this.settings.secret,
        algorithms: ['HS256'],
        issuer: 'tolk',
      });
      return claims.typ === kind && isUuid(claims.sub) ? claims.sub : undefined;
    } catch {
      return undefined;
    }
  }

  /** Like `verify`, with the token's expiry: live connections end then unless renewed. */
  async verifyUntil(token: string, kind: TokenKind): Promise<VerifiedToken | undefined> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        secret: this.settings.secret,
        algorithms: ['HS256'],
        issuer: 'tolk',
      });
    } catch {
      return undefined;
    }
    // A refresh token must never pass as an access token, nor the reverse.
    if (claims.typ !== kind || !isUuid(claims.sub)) return undefined;
    const version = await this.users.tokenVersion(claims.sub);
    if (version === undefined || version !== (claims.ver ?? 0)) return undefined;
    return { userId: claims.sub, expiresAt: (claims.exp ?? 0) * 1000 };
  }

  /** Ends every session of the account: its tokens stop working and its open connections close, on every instance. */
  async revoke(userId: string): Promise<number> {
    const version = await this.users.raiseTokenVersion(userId);
    this.events.emit('user.sessionsRevoked', { userId });
    return version;
  }
}
