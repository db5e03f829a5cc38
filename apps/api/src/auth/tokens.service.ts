import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import type { UserEntity } from './user.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
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
  /** A refresh token's id (`refresh_tokens`) and its family (one sign-in). */
  jti?: string;
  fam?: string;
}

/** How long a used refresh token may be used again without counting as reuse (a browser's racing tabs). */
export const REFRESH_REUSE_GRACE_MS = 10_000;

/** What a refresh token traded in gave: the account and the family to continue, or why not. */
export type Rotation = { ok: true; userId: string; familyId: string } | { ok: false; reused: boolean };

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
    private readonly refreshTokens: RefreshTokensRepository,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  /** Seconds an access token lives. */
  get accessTokenSeconds(): number {
    return this.settings.accessTokenSeconds;
  }

  /** A new token; a refresh token continues `familyId` or starts a family (a sign-in). */
  async issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, kind: TokenKind, familyId?: string): Promise<string> {
    const claims: TokenClaims = { sub: user.id, typ: kind, ver: user.tokenVersion };
    if (kind === 'refresh') {
      claims.jti = randomUUID();
      claims.fam = familyId ?? randomUUID();
      await this.refreshTokens.insert({ id: claims.jti, familyId: claims.fam, userId: user.id });
    }
    return this.jwt.signAsync(claims, {
      secret: this.settings.secret,
      algorithm: 'HS256',
      expiresIn: kind === 'access' ? this.settings.accessTokenSeconds : REFRESH_TOKEN_SECONDS,
      issuer: 'tolk',
    });
  }

  /**
   * Uses a refresh token up (rotation). A token used once before, after the
   * grace, was copied: its family is revoked, so neither the copy nor the
   * tokens the rightful holder got since work any more.
   */
  async rotate(token: string): Promise<Rotation> {
    const claims = await this.claims(token, 'refresh');
    if (!claims?.jti) return { ok: false, reused: false };
    const use = await this.refreshTokens.use(claims.jti, claims.sub, REFRESH_REUSE_GRACE_MS);
    if (use.kind === 'invalid') return { ok: false, reused: false };
    if (use.kind === 'reused') {
      await this.refreshTokens.revokeFamily(use.familyId);
      return { ok: false, reused: true };
    }
    return { ok: true, userId: use.userId, familyId: use.familyId };
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
    const claims = await this.claims(token, kind);
    if (!claims) return undefined;
    // A refresh token (the `/collab` cookie, a sign-out) must be one we issued, its family not revoked.
    if (kind === 'refresh' && !(claims.jti && (await this.refreshTokens.usable(claims.jti, claims.sub))))
      return undefined;
    return { userId: claims.sub, expiresAt: (claims.exp ?? 0) * 1000 };
  }

  /** The claims of a well-signed, unexpired, unrevoked token of this kind. */
  private async claims(token: string, kind: TokenKind): Promise<(TokenClaims & { sub: string }) | undefined> {
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
    return claims;
  }

  /** Ends every session of the account: its tokens stop working and its open connections close, on every instance. */
  async revoke(userId: string): Promise<number> {
    const version = await this.users.raiseTokenVersion(userId);
    this.events.emit('user.sessionsRevoked', { userId });
    return version;
  }
}
