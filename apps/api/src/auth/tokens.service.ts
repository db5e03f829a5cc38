import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** Access tokens are short-lived; the browser renews them with the refresh cookie. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 14 * 24 * 60 * 60;

type TokenKind = 'access' | 'refresh';

interface TokenClaims {
  sub: string;
  typ: TokenKind;
  /** The account's token version when issued (absent in tokens from before revocation existed: 0). */
  ver?: number;
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

  issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, kind: TokenKind): Promise<string> {
    const claims: TokenClaims = { sub: user.id, typ: kind, ver: user.tokenVersion };
    return this.jwt.signAsync(claims, {
      secret: this.settings.secret,
      algorithm: 'HS256',
      expiresIn: kind === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS,
      issuer: 'tolk',
    });
  }

  /** The user id a valid, unrevoked token of this kind names, or undefined. */
  async verify(token: string, kind: TokenKind): Promise<string | undefined> {
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
    return version !== undefined && version === (claims.ver ?? 0) ? claims.sub : undefined;
  }

  /** Ends every session of the account: its tokens stop working and its open connections close, on every instance. */
  async revoke(userId: string): Promise<number> {
    const version = await this.users.raiseTokenVersion(userId);
    this.events.emit('user.sessionsRevoked', { userId });
    return version;
  }
}
